//! Languages: which one the user wants, whether a text is really Chinese, and the labels of
//! record fields in each language.

pub mod labels;
pub mod ui;

use std::fmt;
use std::str::FromStr;

/// A language of the record fields and of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language named by the locale variables (`LC_ALL`, then `LC_MESSAGES`, then `LANG`):
    /// Chinese for `zh*`, English otherwise.
    pub fn from_env() -> Lang {
        let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL").or_else(|| var("LC_MESSAGES")).or_else(|| var("LANG"));
        Lang::from_locale(locale.as_deref().unwrap_or(""))
    }

    /// The language of a POSIX locale name such as `zh_CN.UTF-8`.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The other language.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "zh" | "cn" | "chinese" | "中文" => Ok(Lang::Zh),
            other => Err(format!("unknown language `{other}` (expected `en` or `zh`)")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        })
    }
}

/// Whether `text` reads as Chinese: it has CJK ideographs, and they are not a stray word in
/// English prose. Commands and identifiers inside Chinese prose are fine.
pub fn looks_chinese(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    // Code in backticks is verbatim by design: only the prose around it counts.
    let prose: String = text.split('`').step_by(2).collect();
    let latin_words = prose.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2).count();
    cjk > 0 && cjk * 3 >= latin_words.min(cjk * 4)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_detection() {
        assert!(looks_chinese("Redis集群客户端将命令发送到了错误的节点"));
        assert!(looks_chinese("在正确的节点上执行命令：`redis-cli -h 192.168.1.10 -p 6379 GET mykey`"));
        assert!(!looks_chinese("Execute the command on the node specified in the MOVED error"));
        assert!(!looks_chinese("Use a Redis cluster-aware client that follows redirects 集群"));
        assert!(!looks_chinese(""));
    }

    #[test]
    fn locale_names() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
    }
}
