//! What the fuzz targets share: one in-memory Career Hub profile per thread, set up
//! once, that each input is dry-run imported into.

use std::cell::RefCell;

use career_hub::Db;
use career_hub::profile::{self, LocalProfile};

thread_local! {
    static STORE: RefCell<(Db, LocalProfile)> = RefCell::new({
        let mut db = Db::open_in_memory().expect("an in-memory database opens");
        let local = profile::bootstrap(&mut db).expect("a new profile is set up");
        (db, local)
    });
}

/// Runs `f` with the thread's database and profile.
pub fn with_store<T>(f: impl FnOnce(&mut Db, &LocalProfile) -> T) -> T {
    STORE.with_borrow_mut(|(db, local)| f(db, local))
}
