//! Getting data out of Career Hub in other people's formats.

pub mod jsonresume;
