//! PDF packs to text.

use thiserror::Error;

/// Why a PDF could not be turned into text.
#[derive(Debug, Error)]
pub enum PdfError {
    /// Not implemented yet.
    #[error("PDF input is not supported yet")]
    Unsupported,
}

/// True when the bytes start like a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The text of a PDF.
pub fn pdf_to_text(_bytes: &[u8]) -> Result<String, PdfError> {
    Err(PdfError::Unsupported)
}
