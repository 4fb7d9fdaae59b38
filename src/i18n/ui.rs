//! Strings of the full-screen browser, in English and Chinese: two consts of one struct, so a
//! missing translation is a compile error. Templates use `{0}`, `{1}` for values (see
//! [`Ui::fill`]), because word order differs between the languages.

use super::Lang;

/// Every string the TUI shows, other than record field labels (those are in `labels`).
#[derive(Debug)]
pub struct Ui {
    pub mode_search: &'static str,
    pub mode_diagnose: &'static str,
    pub loading: &'static str,
    /// `{0}`: records loaded so far.
    pub loading_records: &'static str,
    pub no_results: &'static str,
    pub no_diagnosis: &'static str,
    pub too_small: &'static str,
    pub nothing_selected: &'static str,
    pub results_title: &'static str,
    pub detail_title: &'static str,
    pub matched_in_text: &'static str,
    pub why: &'static str,
    pub pasted_lines: &'static str,
    pub hint_list: &'static str,
    pub hint_detail: &'static str,
    pub hint_diagnose: &'static str,
    pub hint_help: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub what_command: &'static str,
    pub what_text: &'static str,
    pub via_clipboard: &'static str,
    pub via_osc52: &'static str,
    pub via_both: &'static str,
    pub warning: &'static str,
    pub no_workaround: &'static str,
    pub no_doc: &'static str,
    pub opening: &'static str,
    pub open_failed: &'static str,
    pub link_missing: &'static str,
    pub query_error: &'static str,
    pub load_problems: &'static str,
    pub help_title: &'static str,
    pub help_anywhere: &'static str,
    pub help_list: &'static str,
    pub help_detail: &'static str,
    pub help_overlay: &'static str,
    /// Translations of the reasons `fix::destructive_reason` gives (in English).
    pub destructive_reasons: &'static [(&'static str, &'static str)],
    pub keys: KeyHelp,
}

/// What each key does, for the help overlay (one entry per action of the keymap).
#[derive(Debug)]
pub struct KeyHelp {
    pub quit: &'static str,
    pub escape: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
    pub first: &'static str,
    pub last: &'static str,
    pub focus_detail: &'static str,
    pub focus_list: &'static str,
    pub activate: &'static str,
    pub item_next: &'static str,
    pub item_prev: &'static str,
    pub pick: &'static str,
    pub copy_command: &'static str,
    pub copy_text: &'static str,
    pub copy_top: &'static str,
    pub open_doc: &'static str,
    pub back: &'static str,
    pub help: &'static str,
    pub language: &'static str,
    pub suspend: &'static str,
    pub cursor_left: &'static str,
    pub cursor_right: &'static str,
    pub cursor_start: &'static str,
    pub cursor_end: &'static str,
    pub delete_char: &'static str,
    pub delete_word: &'static str,
    pub clear_line: &'static str,
    pub scroll_up: &'static str,
    pub scroll_down: &'static str,
    pub detail_top: &'static str,
    pub detail_bottom: &'static str,
}

/// English.
pub const EN: Ui = Ui {
    mode_search: "SEARCH",
    mode_diagnose: "DIAGNOSE",
    loading: "Loading the KB…",
    loading_records: "Loading the KB… {0} records so far",
    no_results: "No record matches the query.",
    no_diagnosis: "No record explains this text.",
    too_small: "Terminal too small",
    nothing_selected: "Nothing selected.",
    results_title: "Records",
    detail_title: "Detail",
    matched_in_text: "Matched in your text",
    why: "why",
    pasted_lines: "pasted text, {0} lines",
    hint_list: "↑↓ select · Tab detail · Ctrl-y copy fix · F1 help · F2 中文 · Esc quit",
    hint_detail: "j/k pick · y copy command · Y copy text · Enter follow/copy · h back · Tab list",
    hint_diagnose: "Esc back to search · Tab detail · Ctrl-y copy fix · F1 help",
    hint_help: "Esc, F1 or q closes the help",
    copied: "Copied {0} via {1}",
    copy_failed: "Copy failed ({0}). Select it by hand: {1}",
    what_command: "the command",
    what_text: "the workaround",
    via_clipboard: "the system clipboard",
    via_osc52: "the terminal (OSC 52)",
    via_both: "the clipboard and the terminal (OSC 52)",
    warning: "⚠ careful: {0}",
    no_workaround: "This record has no workaround to copy.",
    no_doc: "This record has no doc URL.",
    opening: "Opening {0}",
    open_failed: "Could not open {0}: {1}",
    link_missing: "{0} is not in this KB.",
    query_error: "Query error: {0}",
    load_problems: "{0} load problems (run `errkb validate`)",
    help_title: "Keys",
    help_anywhere: "Anywhere",
    help_list: "Result list and query",
    help_detail: "Detail pane",
    help_overlay: "Help",
    destructive_reasons: &[],
    keys: KeyHelp {
        quit: "quit",
        escape: "clear query / leave diagnose / quit when empty",
        up: "previous record",
        down: "next record",
        page_up: "page up",
        page_down: "page down",
        first: "first record",
        last: "last record",
        focus_detail: "move focus into the detail pane",
        focus_list: "move focus back to the list",
        activate: "follow the link / copy (or print) the command",
        item_next: "next workaround or link",
        item_prev: "previous workaround or link",
        pick: "pick workaround 1-9",
        copy_command: "copy the workaround's command",
        copy_text: "copy the whole workaround text",
        copy_top: "copy the top workaround's command",
        open_doc: "open the doc URL in the browser",
        back: "back to the previous record",
        help: "show or hide this help",
        language: "English / 中文",
        suspend: "suspend (fg resumes)",
        cursor_left: "cursor left",
        cursor_right: "cursor right",
        cursor_start: "cursor to start of query",
        cursor_end: "cursor to end of query",
        delete_char: "delete the character before the cursor",
        delete_word: "delete the word before the cursor",
        clear_line: "delete to the start of the query",
        scroll_up: "scroll up",
        scroll_down: "scroll down",
        detail_top: "top of the record",
        detail_bottom: "end of the record",
    },
};

/// Chinese.
pub const ZH: Ui = Ui {
    mode_search: "搜索",
    mode_diagnose: "诊断",
    loading: "正在加载知识库…",
    loading_records: "正在加载知识库…已加载 {0} 条记录",
    no_results: "没有匹配查询的记录。",
    no_diagnosis: "没有记录能解释这段文本。",
    too_small: "终端太小",
    nothing_selected: "未选择记录。",
    results_title: "记录",
    detail_title: "详情",
    matched_in_text: "在你的文本中匹配到",
    why: "依据",
    pasted_lines: "粘贴的文本，共 {0} 行",
    hint_list: "↑↓ 选择 · Tab 详情 · Ctrl-y 复制修复命令 · F1 帮助 · F2 English · Esc 退出",
    hint_detail: "j/k 选择 · y 复制命令 · Y 复制全文 · Enter 跳转/复制 · h 返回 · Tab 列表",
    hint_diagnose: "Esc 返回搜索 · Tab 详情 · Ctrl-y 复制修复命令 · F1 帮助",
    hint_help: "Esc、F1 或 q 关闭帮助",
    copied: "已通过{1}复制{0}",
    copy_failed: "复制失败（{0}）。请手动选择：{1}",
    what_command: "命令",
    what_text: "解决方法全文",
    via_clipboard: "系统剪贴板",
    via_osc52: "终端（OSC 52）",
    via_both: "剪贴板和终端（OSC 52）",
    warning: "⚠ 注意：{0}",
    no_workaround: "此记录没有可复制的解决方法。",
    no_doc: "此记录没有文档链接。",
    opening: "正在打开 {0}",
    open_failed: "无法打开 {0}：{1}",
    link_missing: "{0} 不在本知识库中。",
    query_error: "查询错误：{0}",
    load_problems: "加载时有 {0} 个问题（运行 `errkb validate`）",
    help_title: "按键",
    help_anywhere: "任何时候",
    help_list: "结果列表和查询",
    help_detail: "详情面板",
    help_overlay: "帮助",
    destructive_reasons: &[
        ("deletes files recursively", "会递归删除文件"),
        ("deletes data", "会删除数据"),
        ("forces an overwrite", "会强制覆盖"),
        ("deletes resources", "会删除资源"),
        ("runs as root", "以 root 身份运行"),
    ],
    keys: KeyHelp {
        quit: "退出",
        escape: "清空查询 / 离开诊断 / 查询为空时退出",
        up: "上一条记录",
        down: "下一条记录",
        page_up: "上一页",
        page_down: "下一页",
        first: "第一条记录",
        last: "最后一条记录",
        focus_detail: "焦点移到详情面板",
        focus_list: "焦点回到列表",
        activate: "跳转到链接 / 复制（或输出）命令",
        item_next: "下一个解决方法或链接",
        item_prev: "上一个解决方法或链接",
        pick: "选择第 1-9 个解决方法",
        copy_command: "复制解决方法的命令",
        copy_text: "复制解决方法全文",
        copy_top: "复制第一个解决方法的命令",
        open_doc: "在浏览器中打开文档链接",
        back: "返回上一条记录",
        help: "显示或隐藏帮助",
        language: "English / 中文",
        suspend: "挂起（fg 恢复）",
        cursor_left: "光标左移",
        cursor_right: "光标右移",
        cursor_start: "光标移到查询开头",
        cursor_end: "光标移到查询末尾",
        delete_char: "删除光标前的字符",
        delete_word: "删除光标前的词",
        clear_line: "删除到查询开头",
        scroll_up: "向上滚动",
        scroll_down: "向下滚动",
        detail_top: "记录开头",
        detail_bottom: "记录末尾",
    },
};

impl Ui {
    /// The strings of `lang`.
    pub fn of(lang: Lang) -> &'static Ui {
        match lang {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// `template` with `{0}`, `{1}`, … replaced by `values`.
    pub fn fill(template: &str, values: &[&str]) -> String {
        values
            .iter()
            .enumerate()
            .fold(template.to_string(), |text, (i, value)| text.replace(&format!("{{{i}}}"), value))
    }

    /// The reason a command looks destructive (from `fix::destructive_reason`), in this language.
    pub fn destructive(&self, reason: &'static str) -> &'static str {
        self.destructive_reasons.iter().find(|(en, _)| *en == reason).map_or(reason, |(_, local)| local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_values_in_any_order() {
        assert_eq!(Ui::fill(ZH.copied, &["命令", "终端"]), "已通过终端复制命令");
        assert_eq!(Ui::fill(EN.copied, &["the command", "tmux"]), "Copied the command via tmux");
    }
}
