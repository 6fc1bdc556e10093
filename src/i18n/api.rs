//! Sentences for the protocol's error codes (CE/SE), said by otp and by otpd. The
//! code itself (`SE3010`) never changes with the language.

use super::{Lang, Localize};
use crate::api::ErrorCode;
use crate::t_in;

impl Localize for ErrorCode {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ErrorCode::Ce1001 => t_in!(lang, "api-ce1001"),
            ErrorCode::Ce1002 => t_in!(lang, "api-ce1002"),
            ErrorCode::Ce1003 => t_in!(lang, "api-ce1003"),
            ErrorCode::Ce2001 => t_in!(lang, "api-ce2001"),
            ErrorCode::Ce2002 => t_in!(lang, "api-ce2002"),
            ErrorCode::Se3005 => t_in!(lang, "api-se3005"),
            ErrorCode::Se3010 => t_in!(lang, "api-se3010"),
            ErrorCode::Se3020 => t_in!(lang, "api-se3020"),
            ErrorCode::Se4001 => t_in!(lang, "api-se4001"),
            ErrorCode::Se4002 => t_in!(lang, "api-se4002"),
            ErrorCode::Se4003 => t_in!(lang, "api-se4003"),
            ErrorCode::Se4004 => t_in!(lang, "api-se4004"),
            ErrorCode::Se5001 => t_in!(lang, "api-se5001"),
            ErrorCode::Se5002 => t_in!(lang, "api-se5002"),
            ErrorCode::Se5403 => t_in!(lang, "api-se5403"),
            ErrorCode::Se5029 => t_in!(lang, "api-se5029"),
            ErrorCode::Se5000 => t_in!(lang, "api-se5000"),
            ErrorCode::Se5400 => t_in!(lang, "api-se5400"),
            ErrorCode::Se5408 => t_in!(lang, "api-se5408"),
            ErrorCode::Se5414 => t_in!(lang, "api-se5414"),
            ErrorCode::Se5431 => t_in!(lang, "api-se5431"),
            ErrorCode::Se7001 => t_in!(lang, "api-se7001"),
            ErrorCode::Se7002 => t_in!(lang, "api-se7002"),
            ErrorCode::Se7003 => t_in!(lang, "api-se7003"),
            ErrorCode::Se7004 => t_in!(lang, "api-se7004"),
            ErrorCode::Se7005 => t_in!(lang, "api-se7005"),
            ErrorCode::Se7006 => t_in!(lang, "api-se7006"),
            ErrorCode::Se7007 => t_in!(lang, "api-se7007"),
            ErrorCode::Se7008 => t_in!(lang, "api-se7008"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_sentence_in_each_language() {
        for code in ErrorCode::ALL {
            let en = code.localize_in(Lang::En);
            let ko = code.localize_in(Lang::Ko);
            assert!(en.len() > 30 && !en.starts_with("api-"), "{code}: {en}");
            assert!(
                ko.chars().any(|c| ('가'..='힣').contains(&c)),
                "{code}: {ko}"
            );
            assert_ne!(en, ko);
        }
    }
}
