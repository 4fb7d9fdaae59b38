//! Copying: the system clipboard through arboard, with ONE handle kept for the life of the
//! process (an X11 clipboard dies with its owner), and OSC 52 written to the terminal when
//! there is no display, over SSH, inside tmux (which forwards it with `set-clipboard on`), or
//! when arboard fails. Text is only copied, never run.

use std::io::Write;

use base64::Engine;

/// How a text was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Clipboard,
    Osc52,
    Both,
}

/// The process's clipboard.
#[derive(Default)]
pub struct Clipboard {
    handle: Option<arboard::Clipboard>,
}

impl std::fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clipboard").field("open", &self.handle.is_some()).finish()
    }
}

impl Clipboard {
    /// Copies `text`, writing OSC 52 to `terminal` when the environment calls for it.
    pub fn copy(&mut self, text: &str, terminal: &mut dyn Write) -> Result<Via, String> {
        let env = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let display = env("DISPLAY") || env("WAYLAND_DISPLAY") || cfg!(any(target_os = "macos", windows));
        let remote = env("SSH_TTY") || env("SSH_CONNECTION") || env("TMUX");
        let system = if display { self.system(text) } else { Err("no display".to_string()) };
        if system.is_ok() && !remote {
            return Ok(Via::Clipboard);
        }
        match (write_osc52(text, terminal), system) {
            (Ok(()), Ok(())) => Ok(Via::Both),
            (Ok(()), Err(_)) => Ok(Via::Osc52),
            (Err(_), Ok(())) => Ok(Via::Clipboard),
            (Err(osc), Err(system)) => Err(format!("{system}; {osc}")),
        }
    }

    fn system(&mut self, text: &str) -> Result<(), String> {
        if self.handle.is_none() {
            self.handle = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        match &mut self.handle {
            Some(handle) => handle.set_text(text).map_err(|e| e.to_string()),
            None => Err("no clipboard".into()),
        }
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

fn write_osc52(text: &str, terminal: &mut dyn Write) -> Result<(), String> {
    terminal.write_all(osc52(text).as_bytes()).and_then(|()| terminal.flush()).map_err(|e| format!("OSC 52: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_of_the_text() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
