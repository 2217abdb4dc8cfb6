fn main() {
    println!("Hello from Runbox in Rust");
}
