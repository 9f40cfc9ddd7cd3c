//! Romanizes each argument (or each stdin line) as a name: `cargo run --example romanize -- "سيرغي لافروف"`.
use marsad_latin::Romanizer;
use std::io::BufRead;

fn main() {
    let r = Romanizer::builtin();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lines: Vec<String> = if args.is_empty() {
        std::io::stdin()
            .lock()
            .lines()
            .map_while(Result::ok)
            .collect()
    } else {
        args
    };
    for l in lines {
        println!("{l}\t{}", r.romanize_name(&l));
    }
}
