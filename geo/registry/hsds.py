"""The organisations as Open Referral HSDS 3.0 objects (``organization`` with everything
nested), valid against the official compiled schema ``schema/compiled/organization.json``.

Shape of one organisation:

- ``id``: a UUID derived from the city's JIS code and our ``org_id`` (UUID 5 in the
  fixed project namespace :data:`NAMESPACE`), so the same organisation has the same id
  in every export; every nested object's id is derived the same way;
- ``description``: written from the kind, the base 地域 and the fields (sample rows say
  so first); ``legal_status``: the legal form in words;
- ``locations``: one physical location, the base point (WGS84) with its address (the
  prefecture from the JIS code, country ``JP``; the postal code is not kept, so empty);
  a point at the base 地域's 交流センター (``at_center``: the address is known only to
  the area) says so in the location's ``description``;
- ``services``: **one service per field of activity** the organisation lists (a
  council's sub-committee, an association's activity, a group's field), each
  classified by that field's term and available in the organisation's service areas
  (``service_areas``: each 地域 by name, or the whole city), with the last
  confirmation as ``assured_date``. One service per field lets a directory find who
  does what, where, by the taxonomy alone;
- ``attributes``: the kind, sample data, the 自主防災組織 and member households of an
  association, as terms of the kyodo-map record taxonomy (values where they have one);
- ``organization_identifiers``: the 法人番号 (scheme ``JP-JCN``), when the frame has it;
  ``alternate_name``: the name in kana (法人名称カナ); ``uri``: the corporation's page
  on the NPO portal (a persistent address of the corporation);
- staff exports only: ``contacts`` (representative, e-mail, phone) and the notes and
  purpose as attributes.

Two taxonomies are published with the project, both with stable ids and URIs
(:data:`TAXONOMY_URI`): ``fields`` — the codes of ``fields.csv`` (npo01…npo20 and the
local needs; term URI ``urn:kyodo-map:taxonomy:fields:<code>``) — and ``record``.

Public exports are built from :func:`geo.public.public_organisations` (the allowlist of
public columns), so no private column can reach them.
"""

from __future__ import annotations

import functools
import json
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.city import CityConfig
from geo.fields import NPO, Field, FieldCatalog
from geo.model import CITYWIDE
from geo.public import public_organisations
from geo.registry.npo_layout import prefecture_of
from geo.words import pick, text

#: The project's namespace for UUID 5 ids (fixed: changing it changes every id).
NAMESPACE = uuid.UUID("894099eb-b6d9-43a8-9de5-62dfdd0c34eb")
#: Base of the project's URIs (taxonomies, terms, areas).
URN = "urn:kyodo-map"
FIELDS = "fields"
RECORD = "record"
#: URI of each published taxonomy.
TAXONOMY_URI: Mapping[str, str] = {t: f"{URN}:taxonomy:{t}" for t in (FIELDS, RECORD)}
TAXONOMY_VERSION = "1"
COUNTRY = "JP"
#: org-id.guide scheme of the 法人番号 (Japan Corporate Number).
JCN_SCHEME = "JP-JCN"
#: Terms of the record taxonomy: kinds, then the attributes.
RECORD_TERMS = (
    "kind.council",
    "kind.association",
    "kind.civic_group",
    "sample",
    "jishubo",
    "households",
    "notes",
    "purpose",
)


def stable_id(*parts: str) -> str:
    """A UUID 5 of ``parts`` in the project's namespace (the same parts, the same id)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _items(value: object) -> tuple[str, ...]:
    """A list cell of the frame: a tuple, or ``;``-separated text."""
    if _missing(value):
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.split(";") if v)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    return ()


def _yes(row: Mapping[str, Any], column: str) -> bool:
    """Whether a yes/no column of ``row`` says yes (``True``, or the text ``true`` of a
    frame read as text)."""
    return row.get(column) is True or _text_of(row, column) == "true"


def _text_of(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    return "" if _missing(value) else str(value).strip()


# --- taxonomies ------------------------------------------------------------------------


def taxonomy(name: str, lang: str = "ja") -> dict[str, Any]:
    """One published taxonomy (``fields`` or ``record``) as HSDS ``taxonomy``."""
    return {
        "id": stable_id("taxonomy", name),
        "name": text(f"hsds.taxonomy.{name}", lang),
        "description": text(f"hsds.taxonomy.{name}.description", lang),
        "uri": TAXONOMY_URI[name],
        "version": TAXONOMY_VERSION,
        "metadata": [],
    }


def _term(name: str, code: str, title: str, description: str, lang: str) -> dict[str, Any]:
    return {
        "id": stable_id("taxonomy_term", name, code),
        "code": code,
        "name": title,
        "description": description,
        "taxonomy": TAXONOMY_URI[name],
        "language": lang,
        "taxonomy_id": stable_id("taxonomy", name),
        "term_uri": f"{TAXONOMY_URI[name]}:{code}",
    }


@functools.cache
def field_term(f: Field, lang: str = "ja") -> dict[str, Any]:
    """The term of one field of activity (its code is the ``fields.csv`` code).

    The same object is returned for the same field: never change it.
    """
    if f.kind == NPO:
        title = pick(lang, f.name_ja, f.short_en)
        description = text("hsds.term.law_field", lang, number=f.number, name=f.name_ja)
    else:
        title = f.label(lang)
        sep = text("hsds.list_separator", lang)
        description = text("hsds.term.need", lang, name=title, maps_to=sep.join(f.maps_to))
    return _term(FIELDS, f.code, title, description, lang)


@functools.cache
def record_term(code: str, lang: str = "ja") -> dict[str, Any]:
    """A term of the record taxonomy (:data:`RECORD_TERMS`); the same object each time."""
    if code.startswith("kind."):
        title = text("hsds.term.kind", lang, kind=text(f"hsds.{code}", lang))
        return _term(RECORD, code, title, title, lang)
    return _term(
        RECORD,
        code,
        text(f"hsds.term.{code}", lang),
        text(f"hsds.term.{code}.description", lang),
        lang,
    )


def taxonomy_terms(catalog: FieldCatalog, lang: str = "ja") -> list[dict[str, Any]]:
    """The published taxonomies in full: every term with its ``taxonomy_detail``, the
    fields first, then the record terms (the organisations' terms refer to these by
    ``taxonomy_id`` and ``taxonomy``)."""
    terms = [field_term(f, lang) for f in catalog.fields]
    terms += [record_term(code, lang) for code in RECORD_TERMS]
    return [
        {**t, "taxonomy_detail": taxonomy(FIELDS if i < len(catalog.fields) else RECORD, lang)}
        for i, t in enumerate(terms)
    ]


# --- organisations ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    city: CityConfig
    catalog: FieldCatalog
    lang: str
    public: bool

    def area_name(self, area_id: str) -> str:
        info = self.city.area(area_id)
        return pick(self.lang, info.name_ja, info.name_en)

    @property
    def city_name(self) -> str:
        return pick(self.lang, self.city.name_ja, self.city.name_en)

    def field_label(self, code: str) -> str:
        return self.catalog.get(code).label(self.lang) if code in self.catalog else code

    def ids(self, *parts: str) -> str:
        return stable_id(self.city.jis_code, *parts)


def _attribute(
    link_id: str, entity: str, link_type: str, term: dict[str, Any], value: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": stable_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value is not None:
        out["value"] = value
    return out


def _description(row: Mapping[str, Any], ctx: _Context) -> str:
    fields = [ctx.field_label(c) for c in _items(row.get("fields"))]
    params = {
        "city": ctx.city_name,
        "a_kind": text(f"hsds.a_kind.{row['kind']}", ctx.lang),
        "area": ctx.area_name(str(row["area_id"])),
        "fields": text("hsds.list_separator", ctx.lang).join(fields),
    }
    key = "hsds.org.description" if fields else "hsds.org.description_no_fields"
    described = text(key, ctx.lang, **params)
    if _yes(row, "is_sample"):
        described = text("hsds.org.sample", ctx.lang) + described
    return described


def _location(row: Mapping[str, Any], ctx: _Context, org_id: str) -> dict[str, Any]:
    oid = str(row["org_id"])
    location_id = ctx.ids("location", oid)
    point = row.get("geometry")
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": org_id,
        "name": text("hsds.location.name", ctx.lang, org=row["name"]),
    }
    if point is not None and not getattr(point, "is_empty", True):
        location["latitude"] = round(float(point.y), 6)
        location["longitude"] = round(float(point.x), 6)
    if _yes(row, "at_center"):
        area = ctx.area_name(str(row["area_id"]))
        location["description"] = text("hsds.location.at_center", ctx.lang, area=area)
    address = _text_of(row, "address")
    location["addresses"] = (
        [
            {
                "id": ctx.ids("address", oid),
                "location_id": location_id,
                "address_1": address,
                "city": ctx.city.name_ja,
                "state_province": prefecture_of(ctx.city.jis_code),
                "postal_code": "",
                "country": COUNTRY,
                "address_type": "physical",
            }
        ]
        if address
        else []
    )
    return location


def _service_areas(row: Mapping[str, Any], ctx: _Context, service_id: str, code: str) -> list[Any]:
    oid = str(row["org_id"])
    areas = _items(row.get("service_areas")) or (str(row["area_id"]),)
    out = []
    for area in areas:
        if area == CITYWIDE:
            name = text("hsds.service_area.citywide", ctx.lang, city=ctx.city_name)
            uri = f"{URN}:city:{ctx.city.jis_code}"
        else:
            name = text("hsds.service_area.area", ctx.lang, area=ctx.area_name(area))
            uri = f"{URN}:area:{ctx.city.jis_code}:{area}"
        out.append(
            {
                "id": ctx.ids("service_area", oid, code, area),
                "service_id": service_id,
                "name": name,
                "description": text(
                    "hsds.service_area.description", ctx.lang, city=ctx.city_name, area=name
                ),
                "uri": uri,
            }
        )
    return out


def _services(row: Mapping[str, Any], ctx: _Context, org_id: str) -> list[dict[str, Any]]:
    oid = str(row["org_id"])
    confirmed = row.get("last_confirmed")
    out = []
    for code in _items(row.get("fields")):
        if code not in ctx.catalog:
            continue
        service_id = ctx.ids("service", oid, code)
        label = ctx.field_label(code)
        service: dict[str, Any] = {
            "id": service_id,
            "organization_id": org_id,
            "name": text("hsds.service.name", ctx.lang, field=label, org=row["name"]),
            "description": text("hsds.service.description", ctx.lang, field=label, org=row["name"]),
            "status": "active",
            "attributes": [
                _attribute(
                    service_id,
                    "service",
                    "field_of_activity",
                    field_term(ctx.catalog.get(code), ctx.lang),
                )
            ],
            "service_areas": _service_areas(row, ctx, service_id, code),
        }
        if not _missing(confirmed) and str(confirmed):
            service["assured_date"] = str(confirmed)[:10]
        out.append(service)
    return out


def _org_attributes(row: Mapping[str, Any], ctx: _Context, org_id: str) -> list[dict[str, Any]]:
    def attr(code: str, value: str | None = None) -> dict[str, Any]:
        return _attribute(org_id, "organization", RECORD, record_term(code, ctx.lang), value)

    out = [attr(f"kind.{row['kind']}")]
    if _yes(row, "is_sample"):
        out.append(attr("sample"))
    if row["kind"] == "association":
        jishubo = row.get("has_jishubo")
        if not _missing(jishubo) and str(jishubo) != "":
            out.append(attr("jishubo", "true" if str(jishubo).lower() == "true" else "false"))
        households = row.get("households")
        if not _missing(households) and str(households) != "":
            out.append(attr("households", str(int(float(str(households))))))
    for column in ("notes", "purpose"):
        value = _text_of(row, column)
        if value and not ctx.public:
            out.append(attr(column, value))
    return out


def _contacts(row: Mapping[str, Any], ctx: _Context, org_id: str) -> list[dict[str, Any]]:
    name, email, phone = (_text_of(row, c) for c in ("representative", "email", "phone"))
    if ctx.public or not (name or email or phone):
        return []
    oid = str(row["org_id"])
    contact_id = ctx.ids("contact", oid)
    contact: dict[str, Any] = {"id": contact_id, "organization_id": org_id}
    if name:
        contact["name"] = name
        contact["title"] = text("hsds.contact.representative", ctx.lang)
    if email:
        contact["email"] = email
    contact["phones"] = (
        [
            {
                "id": ctx.ids("phone", oid),
                "contact_id": contact_id,
                "organization_id": org_id,
                "number": phone,
                "type": "voice",
            }
        ]
        if phone
        else []
    )
    return [contact]


def _organization(row: Mapping[str, Any], ctx: _Context) -> dict[str, Any]:
    oid = str(row["org_id"])
    org_id = ctx.ids("organization", oid)
    org: dict[str, Any] = {
        "id": org_id,
        "name": row["name"],
        "description": _description(row, ctx),
    }
    kana, page = _text_of(row, "name_kana"), _text_of(row, "portal_url")
    if kana:
        org["alternate_name"] = kana
    if page:
        org["uri"] = page
    form = _text_of(row, "legal_form")
    if form:
        org["legal_status"] = text(f"legal.{form}", ctx.lang)
    number = _text_of(row, "corporate_number")
    org["organization_identifiers"] = (
        [
            {
                "id": ctx.ids("organization_identifier", oid, JCN_SCHEME),
                "organization_id": org_id,
                "identifier_scheme": JCN_SCHEME,
                "identifier_type": text("hsds.identifier.corporate_number", ctx.lang),
                "identifier": number,
            }
        ]
        if number
        else []
    )
    org["contacts"] = _contacts(row, ctx, org_id)
    org["locations"] = [_location(row, ctx, org_id)]
    org["services"] = _services(row, ctx, org_id)
    org["attributes"] = _org_attributes(row, ctx, org_id)
    return org


def organizations(
    orgs: pd.DataFrame,
    city: CityConfig,
    catalog: FieldCatalog,
    *,
    public: bool,
    lang: str = "ja",
) -> list[dict[str, Any]]:
    """The organisations as HSDS 3.0 ``organization`` objects, services nested.

    Parameters
    ----------
    orgs
        Organisations as :func:`geo.io.load_organisations` or
        ``Store.read_organisations`` give them (a point ``geometry``; list columns as
        tuples or ``;``-separated text); extra columns such as ``corporate_number`` or
        ``purpose`` are used when present.
    city
        The city (areas, names, JIS code for the ids).
    catalog
        The field catalogue (terms of the services).
    public
        Only the public allowlist of columns (:func:`geo.public.public_organisations`).
    lang
        Language of the words the export writes (``ja`` or ``en``); names and
        addresses stay as written.
    """
    frame = public_organisations(orgs) if public else orgs
    ctx = _Context(city, catalog, lang, public)
    records: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    return [_organization(row, ctx) for row in records]


def to_json(objects: Sequence[Mapping[str, Any]]) -> bytes:
    """UTF-8 JSON of a list of HSDS objects."""
    return json.dumps(list(objects), ensure_ascii=False, indent=1).encode("utf-8")
