//! The built-in KB: the files of `seeds/`, compiled into the binary by `build.rs`, so errkb
//! works with no arguments on a fresh machine.

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
