//! Just enough of SQLite's SQL to read the CHECK clauses out of a `CREATE TABLE`
//! statement, which no PRAGMA reports.

/// One CHECK clause of a table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Check {
    /// The column it is attached to, or `None` for a table constraint.
    pub column: Option<String>,
    /// Its `CONSTRAINT` name, if it has one.
    pub name: Option<String>,
    /// The expression, whitespace-normalized.
    pub expr: String,
}

impl Check {
    /// How to name this clause to a person: `check_dates`, or `CHECK (level >= 1) on level`.
    pub fn describe(&self) -> String {
        match (&self.name, &self.column) {
            (Some(name), _) => name.clone(),
            (None, Some(column)) => format!("CHECK ({}) on column {column}", self.expr),
            (None, None) => format!("CHECK ({})", self.expr),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Open,
    Close,
    Comma,
    Other,
}

/// Tokens with their byte offsets; quoted identifiers become words, string literals `Other`.
fn lex(sql: &str) -> Vec<(Token, usize, usize)> {
    let bytes = sql.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        match c {
            b'(' => tokens.push((Token::Open, start, i + 1)),
            b')' => tokens.push((Token::Close, start, i + 1)),
            b',' => tokens.push((Token::Comma, start, i + 1)),
            b'\'' | b'"' | b'`' | b'[' => {
                let close = if c == b'[' { b']' } else { c };
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == close {
                        // A doubled quote is an escaped quote.
                        if close != b']' && bytes.get(i + 1) == Some(&close) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                let inner = &sql[start + 1..i.min(bytes.len())];
                let token = if c == b'\'' {
                    Token::Other
                } else {
                    Token::Word(inner.to_owned())
                };
                tokens.push((token, start, (i + 1).min(bytes.len())));
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => {}
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                while i + 1 < bytes.len()
                    && (bytes[i + 1].is_ascii_alphanumeric() || bytes[i + 1] == b'_')
                {
                    i += 1;
                }
                tokens.push((Token::Word(sql[start..=i].to_owned()), start, i + 1));
            }
            _ => tokens.push((Token::Other, start, i + 1)),
        }
        i += 1;
    }
    tokens
}

/// Collapses runs of whitespace outside string literals to one space.
pub(crate) fn normalize(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut in_string = false;
    let mut pending_space = false;
    for c in sql.chars() {
        if !in_string && c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c == '\'' {
            in_string = !in_string;
        }
        out.push(c);
    }
    out
}

fn is_keyword(token: &Token, keyword: &str) -> bool {
    matches!(token, Token::Word(word) if word.eq_ignore_ascii_case(keyword))
}

/// The CHECK clauses of a `CREATE TABLE` statement, in order.
pub(crate) fn checks(create_table: &str) -> Vec<Check> {
    let tokens = lex(create_table);
    let Some(open) = tokens.iter().position(|(t, _, _)| *t == Token::Open) else {
        return Vec::new();
    };
    // Split the body at top-level commas into column definitions and table constraints.
    let mut items: Vec<&[(Token, usize, usize)]> = Vec::new();
    let mut depth = 0usize;
    let mut item_start = open + 1;
    for (index, (token, _, _)) in tokens.iter().enumerate().skip(open + 1) {
        match token {
            Token::Open => depth += 1,
            Token::Close if depth == 0 => {
                items.push(&tokens[item_start..index]);
                break;
            }
            Token::Close => depth -= 1,
            Token::Comma if depth == 0 => {
                items.push(&tokens[item_start..index]);
                item_start = index + 1;
            }
            _ => {}
        }
    }

    let mut found = Vec::new();
    for item in items {
        let column = match item.first() {
            Some((Token::Word(word), _, _))
                if !["CONSTRAINT", "CHECK", "PRIMARY", "UNIQUE", "FOREIGN"]
                    .iter()
                    .any(|k| word.eq_ignore_ascii_case(k)) =>
            {
                Some(word.clone())
            }
            _ => None,
        };
        let mut depth = 0usize;
        let mut i = 0;
        while i < item.len() {
            match &item[i].0 {
                Token::Open => depth += 1,
                Token::Close => depth = depth.saturating_sub(1),
                token if depth == 0 && is_keyword(token, "CHECK") => {
                    if let Some(expr) = parenthesized(create_table, &item[i + 1..]) {
                        let name = (i >= 2 && is_keyword(&item[i - 2].0, "CONSTRAINT"))
                            .then(|| match &item[i - 1].0 {
                                Token::Word(name) => Some(name.clone()),
                                _ => None,
                            })
                            .flatten();
                        found.push(Check {
                            column: column.clone(),
                            name,
                            expr: normalize(expr),
                        });
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    found
}

/// The text inside the parenthesized group that `tokens` starts with.
fn parenthesized<'a>(sql: &'a str, tokens: &[(Token, usize, usize)]) -> Option<&'a str> {
    let (Token::Open, start, _) = tokens.first()? else {
        return None;
    };
    let mut depth = 0usize;
    for (token, at, _) in tokens {
        match token {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if depth == 0 {
                    return sql.get(start + 1..*at);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_column_and_table_checks_with_names() {
        let sql = "CREATE TABLE t (\n  a TEXT CHECK (length(a) <= 5),\n  b INTEGER CONSTRAINT b_small CHECK (b < 3),\n  c TEXT DEFAULT 'x, (y' CHECK (c IN ('x', 'y)')),\n  CONSTRAINT ordered CHECK (a   < c)\n) STRICT";
        let checks = checks(sql);
        let described: Vec<String> = checks.iter().map(Check::describe).collect();
        assert_eq!(
            described,
            [
                "CHECK (length(a) <= 5) on column a",
                "b_small",
                "CHECK (c IN ('x', 'y)')) on column c",
                "ordered",
            ],
            "every CHECK is found, with its column or name, despite commas and parentheses inside literals"
        );
        assert_eq!(checks[3].expr, "a < c", "whitespace is normalized");
    }
}
