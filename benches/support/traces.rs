//! Pasted error text for diagnosis: a fresh occurrence of a record's error (new values, e.g.
//! from [`super::spec::Spec::render`]), alone on one line, or inside a long log or stack trace
//! of the record's ecosystem with unrelated log noise and a second, unrelated error.

use super::rng::Rng;
use super::spec::ident;
use super::vocab::{Flavor, LEVELS, WORDS};

/// One line: the error, sometimes behind a log prefix.
pub fn one_line(error: String, rng: &mut Rng) -> String {
    if rng.chance(0.3) {
        format!("2025-06-{:02}T{:02}:14:03Z {} {error}", rng.between(1, 28), rng.below(24), rng.pick(LEVELS))
    } else {
        error
    }
}

/// About `lines` lines of output of the `flavor` ecosystem with `error` in its usual place, and
/// `noise` (another error) earlier on as a retried warning.
pub fn long(error: String, flavor: Flavor, noise: &str, rng: &mut Rng, lines: usize) -> String {
    let mut out: Vec<String> = (0..lines / 3).map(|_| log_line(rng)).collect();
    out.insert(rng.below(out.len() + 1), format!("WARN retrying after {noise}"));
    let frames = lines.saturating_sub(out.len() + 2);
    match flavor {
        Flavor::Python => {
            out.push("Traceback (most recent call last):".into());
            for _ in 0..frames / 2 {
                let (module, function) = (ident(rng), ident(rng));
                out.push(format!("  File \"/srv/app/{module}.py\", line {}, in {function}", rng.between(1, 900)));
                out.push(format!("    {function}({}, {})", ident(rng), ident(rng)));
            }
            out.push(error);
        }
        Flavor::Node | Flavor::Jvm => {
            out.push(error);
            for _ in 0..frames {
                out.push(frame(flavor, rng));
            }
        }
        Flavor::Rust => {
            out.push(error);
            out.push(format!("  --> src/{}.rs:{}:{}", ident(rng), rng.between(1, 400), rng.between(1, 80)));
            for n in 0..frames.saturating_sub(1) {
                out.push(format!("{:>4} |     let {} = {}({});", n + 10, ident(rng), ident(rng), ident(rng)));
            }
        }
        Flavor::Go => {
            out.push(error);
            out.push(String::new());
            out.push("goroutine 1 [running]:".into());
            for _ in 0..frames.saturating_sub(2) / 2 {
                out.push(format!("main.{}(0x{:x})", ident(rng), rng.next_u64() >> 40));
                out.push(format!(
                    "\t/srv/{}/{}.go:{} +0x{:x}",
                    ident(rng),
                    ident(rng),
                    rng.between(1, 500),
                    rng.below(4096)
                ));
            }
        }
        Flavor::Database | Flavor::Cli | Flavor::Server | Flavor::Prose => {
            let at = rng.below(frames.max(1));
            for n in 0..frames {
                out.push(if n == at { format!("{} {error}", rng.pick(LEVELS)) } else { log_line(rng) });
            }
        }
    }
    out.join("\n") + "\n"
}

fn frame(flavor: Flavor, rng: &mut Rng) -> String {
    let (module, function) = (ident(rng), ident(rng));
    if flavor == Flavor::Jvm {
        format!("\tat org.{module}.{}.{function}({module}.java:{})", ident(rng), rng.between(1, 900))
    } else {
        format!("    at {function} (/srv/app/{module}.js:{}:{})", rng.between(1, 900), rng.between(1, 80))
    }
}

fn log_line(rng: &mut Rng) -> String {
    let words: Vec<&str> = (0..rng.between(4, 12)).map(|_| *rng.pick(WORDS)).collect();
    format!(
        "2025-06-{:02}T{:02}:{:02}:{:02}Z {} [{}] {}",
        rng.between(1, 28),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.pick(&["INFO", "DEBUG", "INFO", "TRACE"]),
        ident(rng),
        words.join(" ")
    )
}
