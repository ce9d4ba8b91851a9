"""What the tests share: the tiny city, the registry backends and files, and the rule for
what may skip (``ci``).

The modules here hold no tests; test files import them, and ``tests/conftest.py`` loads
:mod:`tests.support.backends` as a pytest plugin.
"""
