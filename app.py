"""kyodo-map (協働まちづくりマップ): the Streamlit entry point (``streamlit run app.py``)."""

from __future__ import annotations

import streamlit as st

from ui import settings
from ui.a11y import page_setup, staff_title
from ui.i18n import t
from ui.kiosk import kiosk_mode, public_view
from ui.layout import language_switch
from ui.routes import AREA_PAGE, EXPLORER_PAGE, KIOSK_PAGE

SETTINGS = settings.load()  # once per run: every page reads this run's settings
KIOSK = kiosk_mode()
st.set_page_config(
    page_title=t("app.title", city=SETTINGS.city_config().name_ja),
    page_icon="🗾",
    layout="wide",
    initial_sidebar_state="collapsed" if KIOSK else "auto",
)
if KIOSK:
    page_setup()  # <html lang> of the session's language, a visible focus ring
    # The kiosk session's navigation holds the kiosk page only: no other page can run.
    kiosk = st.Page("pages/kiosk.py", title="kyodo-map", url_path=KIOSK_PAGE, default=True)
    st.navigation([kiosk], position="hidden").run()
    st.stop()

language_switch()
page_setup()
pages = [
    st.Page(
        "pages/explorer.py",
        title=t("nav.explorer"),
        icon=":material/map:",
        url_path=EXPLORER_PAGE,
        default=True,
    ),
    st.Page(
        "pages/matrix.py", title=t("nav.matrix"), icon=":material/table_chart:", url_path="matrix"
    ),
    st.Page("pages/area.py", title=t("nav.area"), icon=":material/home_work:", url_path=AREA_PAGE),
    st.Page(
        "pages/partners.py",
        title=t("nav.partners"),
        icon=":material/handshake:",
        url_path="partners",
    ),
    st.Page("pages/about.py", title=t("nav.about"), icon=":material/info:", url_path="about"),
    # the phone view the kiosk's QR code opens: reached by its address, not listed
    st.Page("pages/view.py", title=t("view.nav"), url_path="view", visibility="hidden"),
]
if not public_view():
    # One list without section headings: Streamlit puts a heading inside the list, which
    # screen readers cannot read as a list. The staff pages say so in their titles.
    pages += [
        st.Page(
            "pages/import.py",
            title=staff_title("staff.nav.import"),
            icon=":material/upload_file:",
            url_path="import",
        ),
        st.Page(
            "pages/edit.py",
            title=staff_title("staff.nav.edit"),
            icon=":material/edit_note:",
            url_path="edit",
        ),
    ]
st.navigation(pages).run()
