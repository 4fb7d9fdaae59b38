fn main() {
    let kb = errkb::kb::Kb::builtin();
    println!("{}", kb.len());
}
