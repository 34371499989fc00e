//! People's names as minutes and membership lists print them.
