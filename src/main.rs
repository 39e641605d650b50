fn main() {
    claim_annotator::start();
}
