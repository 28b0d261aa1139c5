//! Errors as they cross IPC: `{code, message, field?, fields}`, never a bare string.

use career_hub::ErrorCode;
use career_hub::validation::FieldError;
use serde::Serialize;

/// An error the UI can branch on (`code`), show (`message`), and put next to the right
/// input (`field`, or every one of `fields`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// The input the (first) problem is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every field problem, for validation errors; empty otherwise.
    pub fields: Vec<FieldError>,
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IpcError {}

impl From<career_hub::Error> for IpcError {
    fn from(error: career_hub::Error) -> Self {
        let fields = error.field_errors().to_vec();
        let message = match fields.as_slice() {
            [] => error.to_string(),
            [one] => one.message.clone(),
            many => format!(
                "{} problems need fixing before this can be saved.",
                many.len()
            ),
        };
        Self {
            code: error.code(),
            message,
            field: fields.first().map(|f| f.field.clone()),
            fields,
        }
    }
}

impl From<career_hub::sync::TransportError> for IpcError {
    fn from(error: career_hub::sync::TransportError) -> Self {
        Self::from(career_hub::Error::from(error))
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;
    use career_hub::validation::Code;

    #[test]
    fn the_ipc_error_json_is_pinned() {
        let invalid = IpcError::from(career_hub::Error::Invalid(vec![FieldError {
            code: Code::InvalidDate,
            field: "start_date".to_owned(),
            message:
                "The start date must be a real date written YYYY-MM-DD; \"2021-02-30\" is not."
                    .to_owned(),
        }]));
        assert_eq!(
            serde_json::to_value(&invalid).unwrap_or_default(),
            serde_json::json!({
                "code": "invalid",
                "message": "The start date must be a real date written YYYY-MM-DD; \"2021-02-30\" is not.",
                "field": "start_date",
                "fields": [{
                    "code": "invalid_date",
                    "field": "start_date",
                    "message": "The start date must be a real date written YYYY-MM-DD; \"2021-02-30\" is not."
                }]
            }),
            "the UI depends on this exact shape"
        );
        let conflict = IpcError::from(career_hub::Error::Conflict(
            "There is nothing to undo.".to_owned(),
        ));
        assert_eq!(
            serde_json::to_value(&conflict).unwrap_or_default(),
            serde_json::json!({"code": "conflict", "message": "There is nothing to undo.", "fields": []})
        );
    }
}
