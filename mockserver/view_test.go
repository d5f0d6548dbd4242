package mockserver

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
