"""Streamlit's own words: the skip link, the menu, the sidebar, the pickers, the tables'
toolbars and menus, the charts' menus and the file uploaders.

Streamlit writes these in English only; ``ui.chrome`` puts these texts in their place.
The English text of each is Streamlit's own, word for word (``ui.chrome`` finds them by
it); a ``{0}`` stands for the number (or version) in Streamlit's words.

Merged into :data:`geo.words.MESSAGES`; a key defined in both is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

CHROME_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # the page
    "chrome.skip": {"ja": "本文へ移動", "en": "Skip to main content"},
    "chrome.menu": {"ja": "メニュー", "en": "Main menu"},
    "chrome.menu.print": {"ja": "印刷", "en": "Print"},
    "chrome.menu.record": {"ja": "画面を録画", "en": "Record screen"},
    "chrome.menu.copy_version": {"ja": "バージョンをコピー", "en": "Copy version to clipboard"},
    # Streamlit writes the version apart, after this text
    "chrome.menu.made_with": {"ja": "Streamlit で作成：v", "en": "Made with Streamlit v"},
    "chrome.pages": {"ja": "ページの一覧", "en": "App pages"},
    "chrome.sidebar": {"ja": "サイドバー", "en": "Sidebar"},
    "chrome.sidebar.collapse": {"ja": "サイドバーを閉じる", "en": "Collapse sidebar"},
    "chrome.sidebar.expand": {"ja": "サイドバーを開く", "en": "Expand sidebar"},
    "chrome.heading_link": {"ja": "この見出しへのリンク", "en": "Link to heading"},
    "chrome.help": {"ja": "説明", "en": "Help"},
    "chrome.copy": {"ja": "クリップボードにコピー", "en": "Copy to clipboard"},
    "chrome.dismiss": {"ja": "閉じる", "en": "Dismiss"},
    "chrome.copied": {"ja": "コピーしました", "en": "Copied"},
    "chrome.running": {"ja": "処理中…", "en": "Running..."},
    "chrome.stop": {"ja": "止める", "en": "Stop"},
    "chrome.rerun": {"ja": "再実行", "en": "Rerun"},
    "chrome.connecting": {"ja": "接続しています", "en": "Connecting"},
    "chrome.connection_error": {"ja": "サーバーに接続できません", "en": "Connection error"},
    # an error, and an address that names no page
    "chrome.error.redacted": {
        "ja": "エラーが起きたため、この部分を表示できません。内容はサーバーの記録に残りました。"
        "ページを読み込み直しても直らないときは、管理者にお知らせください。",
        "en": "This app has encountered an error. The original error message is redacted "
        "to prevent data leaks. Full error details have been recorded in the logs "
        "(if you're on Streamlit Cloud, click on 'Manage app' in the lower right of your app).",
    },
    "chrome.error.copy": {"ja": "コピー", "en": "Copy"},
    "chrome.close": {"ja": "閉じる", "en": "Close"},  # (a dialog's button)
    "chrome.page_not_found": {"ja": "ページが見つかりません", "en": "Page not found"},
    "chrome.page_not_found.text": {
        "ja": "お探しのページはありません。最初のページを表示します。",
        "en": "The page that you have requested does not seem to exist. "
        "Running the app's main page.",
    },
    "chrome.page_not_found.named": {
        "ja": "お探しのページ（/{0}）はありません。最初のページを表示します。",
        "en": "You have requested page /{0}, but no corresponding file was found in the app's "
        "pages/ directory. Running the app's main page.",
    },
    # text fields: what the Enter key does
    "chrome.enter.apply": {"ja": "Enter キーで反映", "en": "Press Enter to apply"},
    "chrome.enter.submit": {"ja": "Enter キーで送信", "en": "Press Enter to submit form"},
    "chrome.enter.apply_lines": {"ja": "{0}+Enter キーで反映", "en": "Press {0}+Enter to apply"},
    "chrome.enter.submit_lines": {
        "ja": "{0}+Enter キーで送信",
        "en": "Press {0}+Enter to submit form",
    },
    # pickers (select boxes and multiselects)
    "chrome.pick.choose": {"ja": "選んでください", "en": "Choose an option"},
    "chrome.pick.open": {"ja": "選択肢を開く", "en": "Open"},
    "chrome.pick.clear_all": {"ja": "選択をすべて解除", "en": "Clear all"},
    "chrome.pick.clear": {"ja": "選択を解除", "en": "Clear value"},
    "chrome.pick.selected": {"ja": "選択中の項目", "en": "Selected values"},
    "chrome.pick.options": {"ja": "選択肢", "en": "Selectbox options"},
    "chrome.pick.options_multi": {"ja": "選択肢", "en": "Multiselect options"},
    "chrome.pick.none": {"ja": "該当する項目はありません", "en": "No results"},
    "chrome.pick.all": {"ja": "すべて選択", "en": "Select all"},
    "chrome.pick.available": {
        "ja": "選択肢が{0}件あります。",
        "en": "{0} options available.",
    },
    "chrome.pick.results": {"ja": "該当{0}件", "en": "{0} results available"},
    "chrome.pick.result_one": {"ja": "該当1件", "en": "1 result available"},
    # the file uploaders' chips: adding, removing, and why a file was not taken
    "chrome.upload.add": {"ja": "ファイルを追加", "en": "Add files"},
    "chrome.upload.error": {"ja": "エラー：", "en": "Error:"},  # (the reason follows apart)
    "chrome.upload.too_large": {
        "ja": "ファイルは {0} までです",
        "en": "File must be {0} or smaller.",
    },
    "chrome.upload.not_allowed": {
        "ja": "この種類のファイルは選べません（{0}）",
        "en": "{0} files are not allowed.",
    },
    # a chosen option's or a file's button that takes it away
    "chrome.remove": {"ja": "{0} を外す", "en": "Remove {0}"},
    # tables: the toolbar, the search, the columns' menu
    "chrome.table.csv": {"ja": "CSVでダウンロード", "en": "Download as CSV"},
    "chrome.table.search": {"ja": "表の中を検索", "en": "Search"},
    "chrome.table.search_close": {"ja": "検索を閉じる", "en": "Close Search"},
    "chrome.table.search_next": {"ja": "次の一致", "en": "Next Result"},
    "chrome.table.search_previous": {"ja": "前の一致", "en": "Previous Result"},
    "chrome.table.search_hint": {"ja": "文字を入力して検索", "en": "Type to search"},
    "chrome.table.search_count": {"ja": "{0}件一致", "en": "{0} results"},
    "chrome.table.search_one": {"ja": "1件一致", "en": "1 result"},
    "chrome.table.search_many": {"ja": "1000件を超えて一致", "en": "over 1000"},
    "chrome.table.fullscreen": {"ja": "全画面で表示", "en": "Fullscreen"},
    "chrome.table.fullscreen_close": {"ja": "全画面表示を終える", "en": "Close fullscreen"},
    "chrome.table.columns": {"ja": "表示する列", "en": "Show/hide columns"},
    "chrome.table.index": {"ja": "（行の番号）", "en": "(index)"},
    "chrome.table.column_menu": {"ja": "列のメニュー", "en": "Dataframe column menu"},
    "chrome.table.sort_up": {"ja": "小さい順に並べる", "en": "Sort ascending"},
    "chrome.table.sort_down": {"ja": "大きい順に並べる", "en": "Sort descending"},
    "chrome.table.format": {"ja": "表示形式", "en": "Format"},
    "chrome.table.autosize": {"ja": "幅を中身に合わせる", "en": "Autosize"},
    "chrome.table.pin": {"ja": "列を固定", "en": "Pin column"},
    "chrome.table.unpin": {"ja": "列の固定を解除", "en": "Unpin column"},
    "chrome.table.hide": {"ja": "列を隠す", "en": "Hide column"},
    "chrome.table.copy_name": {"ja": "列名をコピー", "en": "Copy column name"},
    "chrome.table.statistics": {"ja": "統計", "en": "Statistics"},
    "chrome.table.format.automatic": {"ja": "自動", "en": "Automatic"},
    "chrome.table.format.localized": {"ja": "地域の書式", "en": "Localized"},
    "chrome.table.format.plain": {"ja": "区切りなし", "en": "Plain"},
    "chrome.table.format.compact": {"ja": "短縮", "en": "Compact"},
    "chrome.table.format.percent": {"ja": "パーセント", "en": "Percent"},
    "chrome.table.format.scientific": {"ja": "指数表記", "en": "Scientific"},
    "chrome.table.format.accounting": {"ja": "会計", "en": "Accounting"},
    "chrome.table.stat.count": {"ja": "件数", "en": "Count"},
    "chrome.table.stat.values": {"ja": "値の数", "en": "Values"},
    "chrome.table.stat.q25": {"ja": "第1四分位数", "en": "25th percentile"},
    "chrome.table.stat.q75": {"ja": "第3四分位数", "en": "75th percentile"},
    "chrome.table.stat.sum": {"ja": "合計", "en": "Sum"},
    "chrome.table.stat.range": {"ja": "範囲", "en": "Range"},
    "chrome.table.stat.none": {"ja": "データなし", "en": "No data"},
    "chrome.table.stat.distinct": {"ja": "異なる値の数", "en": "Distinct"},
    "chrome.table.stat.empty": {"ja": "空の数", "en": "Empty"},
    "chrome.table.stat.minimum": {"ja": "最小", "en": "Minimum"},
    "chrome.table.stat.maximum": {"ja": "最大", "en": "Maximum"},
    "chrome.table.stat.average": {"ja": "平均", "en": "Average"},
    "chrome.table.stat.median": {"ja": "中央値", "en": "Median"},
    "chrome.table.stat.sd": {"ja": "標準偏差", "en": "Standard deviation"},
    "chrome.table.stat.min_length": {"ja": "最短の文字数", "en": "Minimum length"},
    "chrome.table.stat.max_length": {"ja": "最長の文字数", "en": "Maximum length"},
    "chrome.table.stat.average_length": {"ja": "平均の文字数", "en": "Average length"},
    "chrome.table.stat.sample": {"ja": "一部の行から計算", "en": "Based on sample"},
    "chrome.table.stat.top": {"ja": "よく現れる値のグラフ", "en": "Top values frequency chart"},
    "chrome.table.stat.histogram": {"ja": "値の分布のグラフ", "en": "Distribution histogram"},
    "chrome.table.stat.true_false": {
        "ja": "はい・いいえの割合のグラフ",
        "en": "True/false distribution chart",
    },
    # charts
    "chrome.chart.png": {"ja": "PNG画像でダウンロード", "en": "Download as PNG"},
    "chrome.chart.data": {"ja": "データを表示", "en": "Show data"},
    "chrome.chart.chart": {"ja": "グラフを表示", "en": "Show chart"},
    "chrome.chart.spec": {"ja": "Vega-Lite の定義をコピー", "en": "Copy Vega-Lite spec"},
    "chrome.chart.role": {"ja": "グラフ", "en": "visualization"},
    "chrome.chart.group": {"ja": "グラフの部分", "en": "group mark container"},
    "chrome.chart.bars": {"ja": "棒の集まり", "en": "rect mark container"},
    "chrome.chart.texts": {"ja": "文字の集まり", "en": "text mark container"},
    "chrome.chart.bar": {"ja": "棒", "en": "bar"},
    "chrome.chart.text": {"ja": "文字", "en": "text mark"},
    "chrome.chart.axis": {"ja": "軸", "en": "axis"},
    "chrome.chart.legend": {"ja": "凡例", "en": "legend"},
}

#: What English pages show instead of Streamlit's words where these speak to the app's
#: developer (its cloud's menu, its pages/ folder), not to a visitor; by key, as above.
CHROME_EN_SHOWN: Mapping[str, str] = {
    "chrome.error.redacted": "Part of this page could not be shown because of an error; "
    "it has been recorded on the server. If reloading the page does not help, please tell "
    "the administrator.",
    "chrome.page_not_found.text": "There is no such page. The main page is shown instead.",
    "chrome.page_not_found.named": "There is no page /{0}. The main page is shown instead.",
}
