"""Texts of partner matching (連携先をさがす), part of the one catalogue.

Merged into :data:`geo.words.MESSAGES`; a key defined in both is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

PARTNER_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "nav.partners": {"ja": "連携先をさがす", "en": "Find partners"},
    "partners.title": {"ja": "連携先をさがす", "en": "Find partners"},
    "partners.intro": {
        "ja": "地域だけでは解決しにくい課題について、その分野で活動する市民活動団体と、"
        "隣接する地域の協議会・自治会を、活動範囲・距離・法人格・情報の新しさから順に並べます。",
        "en": "For a need an area cannot meet alone, civic groups active in it and the councils "
        "and associations of neighbouring areas, ranked by service area, distance, legal "
        "status and how recent their information is.",
    },
    "partners.area": {"ja": "地域", "en": "Area"},
    "partners.need": {"ja": "課題・分野", "en": "Need or field"},
    "partners.gap_mark": {"ja": "{label}（この地域：{kind}）", "en": "{label} (here: {kind})"},
    "partners.kinds": {"ja": "候補にする団体の種類", "en": "Kinds of partner"},
    "partners.unknown.area": {
        "ja": "URLの地域「{value}」は見つからないため、一覧の最初の地域を表示しています。",
        "en": "There is no area “{value}” (from the link); the first area is shown instead.",
    },
    "partners.unknown.need": {
        "ja": "URLの分野「{value}」は見つからないため、この地域で空白の分野"
        "（ないときは防災・減災）を表示しています。",
        "en": "There is no field “{value}” (from the link); the area's first gap (or "
        "disaster preparedness) is shown instead.",
    },
    "partners.unknown.org": {
        "ja": "URLの団体「{value}」は見つからないため、一覧の最初の団体を表示しています。",
        "en": "There is no group “{value}” (from the link); the first group is shown instead.",
    },
    "partners.tab.partners": {"ja": "連携先の候補", "en": "Candidate partners"},
    "partners.tab.needing": {
        "ja": "団体から見る：必要とされている地域",
        "en": "For a group: where it is needed",
    },
    "partners.count": {
        "ja": "{area}の「{need}」の連携先候補：{n:,}件",
        "en": "{n:,} candidate partners for {need} in {area}",
    },
    "partners.count_one": {
        "en": "{n:,} candidate partner for {need} in {area}",
    },
    "partners.count_caption": {
        "ja": "地域の外に拠点がある団体と、市内全域で活動する団体を、適合度の高い順に並べています。"
        "この地域ですでに活動している団体は、下に分けて示します。",
        "en": "Organisations based outside the area or working citywide, best match first. "
        "Those already active in the area are listed apart below.",
    },
    "partners.none_outside": {
        "ja": "地域の外や市内全域から連携できる候補はありません。",
        "en": "No candidate from outside the area or working citywide.",
    },
    "partners.more": {
        "ja": "さらに {n}件を表示（残り {rest}件）",
        "en": "Show {n} more ({rest} left)",
    },
    "partners.here": {
        "ja": "すでにこの地域で活動（{area}、{n:,}団体）",
        "en": "Already active in {area} ({n:,})",
    },
    "partners.here_caption": {
        "ja": "この地域に拠点がある市民活動団体と、活動範囲にこの地域を挙げている市民活動団体です"
        "（この地域の協議会・自治会・町内会は含みません）。新しい連携先ではありませんが、"
        "協力の相談先になります。",
        "en": "Civic groups based in the area or naming it in their service area (the area's "
        "own council and associations aside): not new partners, but people to talk to.",
    },
    "partners.here_none": {
        "ja": "この分野で、この地域に拠点や活動範囲がある団体はありません。",
        "en": "No organisation in this field is based in or serves this area.",
    },
    "partners.col.matched": {"ja": "該当する分野", "en": "Matching fields"},
    "partners.none": {
        "ja": "{area}の「{need}」について、連携先の候補は見つかりませんでした。"
        "候補になるのは、この分野で活動する市民活動団体（市内のどこでも）と、"
        "隣接する地域の地域づくり協議会・自治会・町内会です。",
        "en": "No candidate partner was found for {need} in {area}. Candidates are civic groups "
        "active in the field (anywhere in the city) and the councils and associations of "
        "neighbouring areas.",
    },
    "partners.none_city": {
        "ja": "市内には、この分野で活動を登録している団体がまだありません。",
        "en": "No organisation in the city has registered activity in this field yet.",
    },
    "partners.none_nearby": {
        "ja": "この分野で活動しているのは、この地域自身の団体か、隣接していない地域の"
        "協議会・自治会・町内会だけです。",
        "en": "Only this area's own organisations, or councils and associations of areas that "
        "are not neighbours, are active in this field.",
    },
    "partners.none_help": {
        "ja": "{center}に相談すると、登録前の団体や新しい活動の立ち上げも含めて一緒に探せます。",
        "en": "{center} can help look further, including groups not yet registered or starting "
        "a new activity.",
    },
    "partners.none_of_kinds": {
        "ja": "選んだ種類の団体には候補がありません。種類を増やしてください。",
        "en": "No candidate of the chosen kinds. Choose more kinds.",
    },
    "partners.map_caption": {
        "ja": "地図には上位 {n}件の団体と、選んだ地域（黒い枠）を表示しています。",
        "en": "The map shows the top {n} organisations and the chosen area (black outline).",
    },
    "partners.how": {"ja": "順位の決め方", "en": "How the ranking works"},
    "partners.how_text": {
        "ja": "各団体に次の点数を足し、満点に対する割合（0〜100）を「適合度」としています。\n\n"
        "- この課題そのもので活動：{exact_field}点（対応する分野で活動：{mapped_field}点）\n"
        "- サービス範囲にこの地域を含む（市内全域を含む）：{serves_area}点\n"
        "- 拠点がこの地域の中：{distance}点（{distance_half_km} km 離れるごとに半分）\n"
        "- 法人格（NPO法人・一般社団・財団法人・認可地縁団体）：{legal_entity}点\n"
        "- 情報の新しさ：{fresh_months}か月以内の確認で {recent}点、"
        "{stale_months}か月で 0点\n\n"
        "距離は拠点から地域の境界までの地上の距離です。同点のときは近い順、次に団体ID順です。",
        "en": "Each organisation earns the points below; the match is its share of the maximum "
        "(0–100).\n\n"
        "- Active in the need itself: {exact_field} (in a field mapped to it: {mapped_field})\n"
        "- Its service area includes the area (or is citywide): {serves_area}\n"
        "- Based inside the area: {distance} (halving every {distance_half_km} km)\n"
        "- A legal entity (NPO corporation, general incorporated association or "
        "foundation, authorised neighbourhood association): {legal_entity}\n"
        "- Recent information: {recent} when confirmed within {fresh_months} months, "
        "none after {stale_months} months\n\n"
        "Distance is measured on the ground from the base to the area's boundary. Ties go to "
        "the nearer organisation, then by organisation id.",
    },
    "partners.col.rank": {"ja": "順位", "en": "Rank"},
    "partners.col.name": {"ja": "団体名", "en": "Name"},
    "partners.col.kind": {"ja": "種類", "en": "Kind"},
    "partners.col.base": {"ja": "拠点の地域", "en": "Based in"},
    "partners.col.score": {"ja": "適合度", "en": "Match"},
    "partners.col.distance": {"ja": "距離（km）", "en": "Distance (km)"},
    "partners.col.reasons": {"ja": "理由", "en": "Reasons"},
    "partners.col.sample": {"ja": "サンプル", "en": "Sample"},
    "partners.col.area": {"ja": "地域", "en": "Area"},
    "partners.col.fields": {"ja": "空白の分野", "en": "Gap fields"},
    "partners.col.severity": {"ja": "空白の深さ", "en": "Severity"},
    "partners.col.population": {"ja": "人口", "en": "Population"},
    "partners.col.households": {"ja": "世帯数", "en": "Households"},
    "partners.col.need": {"ja": "必要度", "en": "Need"},
    "partners.col.serves": {"ja": "活動地域に含む", "en": "Already serves"},
    "partners.contact_title": {
        "ja": "連絡は支援センター経由で",
        "en": "Contact through the support center",
    },
    "partners.contact_text": {
        "ja": "団体への連絡・連携の相談は、{name}が仲立ちします。"
        "団体の連絡先はこの画面には表示しません。",
        "en": "{name} puts you in touch with the groups and helps plan the partnership. "
        "Groups' own contacts are not shown here.",
    },
    "partners.contact_tel": {"ja": "電話 {tel}", "en": "Tel. {tel}"},
    "partners.contact_hours": {
        "ja": "開館 {hours}（休館：{closed}）",
        "en": "Open {hours} (closed: {closed})",
    },
    "partners.org": {"ja": "市民活動団体", "en": "Civic group"},
    "partners.by": {"ja": "必要度の基準", "en": "Weigh need by"},
    "partners.by.population": {"ja": "人口", "en": "Population"},
    "partners.by.households": {"ja": "世帯数", "en": "Households"},
    "partners.needing_caption": {
        "ja": "この団体の活動分野が空白・手薄な地域です。必要度 ＝ 空白の深さ"
        "（団体がない＝1、人口1万人あたりが市全体（人口で重み付け）の{share}未満＝不足の割合）"
        "× {by}。",
        "en": "Areas where this group's fields are gaps. Need = severity (1 with no "
        "organisation; otherwise the shortfall below {share} of the city's rate per 10,000 "
        "residents, weighted by population) × {by}.",
    },
    "partners.needing_count": {
        "ja": "「{name}」を必要としている地域：{n}",
        "en": "Areas needing “{name}”: {n}",
    },
    "partners.needing_none": {
        "ja": "この団体の活動分野では、空白・手薄な地域はありません。",
        "en": "No area is a gap in this group's fields.",
    },
    "partners.no_groups": {
        "ja": "市民活動団体が登録されていません。",
        "en": "No civic group is registered.",
    },
    # links from other pages
    "partners.link_area": {
        "ja": "この地域の空白・少ない・要注意の分野の連携先候補",
        "en": "Partner candidates for this area's gaps",
    },
    "partners.link_gaps": {
        "ja": "{name}の連携先候補をさがす",
        "en": "Find partners for {name}",
    },
}
