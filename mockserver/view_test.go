package mockserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestASCIIEqualFold pairs schemes with whether Python's scheme.lower() == "bearer" holds for
// them, which is what authentik's TokenAuthentication compares.
func TestASCIIEqualFold(t *testing.T) {
	tests := []struct {
		scheme string
		want   bool
	}{
		{"bearer", true},
		{"Bearer", true},
		{"BEARER", true},
		{"bEaReR", true},
		{"beare", false},
		{"bearers", false},
		{"Token", false},
		{"", false},
		{"bearér", false},
		{"bear\u212aer", false}, // the Kelvin sign lower-cases to k, and "bearer" has none
		{"BEARER\x00", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, asciiEqualFold(tc.scheme, "bearer"), "%q", tc.scheme)
	}
}

// TestUpperMethod: the method is upper-cased as Django does with REQUEST_METHOD (ASCII letters
// only), so a client that sends "get" reaches the GET action.
func TestUpperMethod(t *testing.T) {
	for in, want := range map[string]string{
		"GET": "GET", "get": "GET", "pAtCh": "PATCH", "m-search": "M-SEARCH", "gét": "GéT", "": "",
	} {
		assert.Equal(t, want, upper(in), "upper(%q)", in)
	}
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	req := httptest.NewRequest("get", apiPrefix, nil)
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code)
}

// TestAcceptsJSON: one Accept entry against authentik's only renderer (application/json), as
// DRF's media_type_matches compares them: type and subtype, either "*", in any case, parameters
// ignored.
func TestAcceptsJSON(t *testing.T) {
	for token, want := range map[string]bool{
		"application/json": true, " APPLICATION/JSON ; q=0": true, "application/*": true, "*/*": true,
		"*/json": true, "*/xml": false, "text/*": false, "text/html": false, "application/xml": false,
		"application": false, "": false, "json": false,
	} {
		assert.Equal(t, want, acceptsJSON(token), "%q", token)
	}
}
