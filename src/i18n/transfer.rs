//! Sentences for import, export and QR pictures.

use super::{Lang, Localize};

impl Localize for crate::transfer::ImportError {
    fn localize_in(&self, _lang: Lang) -> String {
        self.to_string()
    }
}

impl Localize for crate::qr::QrError {
    fn localize_in(&self, _lang: Lang) -> String {
        self.to_string()
    }
}
