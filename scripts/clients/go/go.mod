module akmockclientcheck

go 1.25

require goauthentik.io/api/v3 v3.0.0-00010101000000-000000000000

// The client is not on the module proxy: check out github.com/goauthentik/client-go at tag
// v3.2025.6.4 into this path (see ../check.sh).
replace goauthentik.io/api/v3 => ./client-go
