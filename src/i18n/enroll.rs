//! Sentences for customer-code enrollment on the client.

use super::{Lang, Localize};

impl Localize for crate::enroll::EnrollError {
    fn localize_in(&self, _lang: Lang) -> String {
        self.to_string()
    }
}

impl Localize for crate::enroll::save::EditError {
    fn localize_in(&self, _lang: Lang) -> String {
        self.to_string()
    }
}
