//! Reports people read and files other programs open: CSV, Markdown,
//! printable HTML and schema.org ClaimReview.
