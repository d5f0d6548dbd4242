package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		want    func(o *options)
		wantErr string
	}{
		{name: "defaults", args: nil, want: func(o *options) {}},
		{name: "all set", args: []string{"--listen", "127.0.0.1:0", "--seed", "7", "--count", "100", "--token", "t", "--no-auth",
			"--page-size", "10", "--max-page-size", "50", "--validate=warn", "--log-format", "json", "--log-level", "warn"},
			want: func(o *options) {
				o.listen, o.seed, o.count, o.token, o.noAuth = "127.0.0.1:0", 7, 100, "t", true
				o.pageSize, o.maxPageSize, o.validate, o.logFormat, o.logLevel = 10, 50, "warn", "json", slog.LevelWarn
			}},
		{name: "count zero is an empty server", args: []string{"--count", "0"}, want: func(o *options) { o.count = 0 }},
		{name: "negative count", args: []string{"--count", "-1"}, wantErr: "--count must not be negative"},
		{name: "a million stages", args: []string{"--count", "1000000"}, want: func(o *options) { o.count = 1000000 }},
		{name: "count past the maximum", args: []string{"--count", "1000001"}, wantErr: "--count must be at most 1000000"},
		{name: "empty token", args: []string{"--token", ""}, wantErr: "--token must not be empty (--no-auth accepts requests without one)"},
		{name: "empty token without auth", args: []string{"--token", "", "--no-auth"}, want: func(o *options) { o.token, o.noAuth = "", true }},
		{name: "token ending in a space", args: []string{"--token", "abc "}, wantErr: `--token: ends with U+0020, white space, which authentik strips from the header, so no client could send it`},
		{name: "token starting with Python's white space", args: []string{"--token", "\x1cabc"}, wantErr: `--token: starts with U+001C, white space, which authentik strips from the header, so no client could send it`},
		{name: "token with a line feed", args: []string{"--token", "a\nb"}, wantErr: `--token: holds the control character U+000A at byte 1, which no HTTP header can carry`},
		{name: "token unused without auth", args: []string{"--token", " x", "--no-auth"}, want: func(o *options) { o.token, o.noAuth = " x", true }},
		{name: "page size zero", args: []string{"--page-size", "0"}, wantErr: "--page-size must be at least 1"},
		{name: "negative max", args: []string{"--max-page-size", "-5"}, wantErr: "--max-page-size must not be negative"},
		{name: "max of -1", args: []string{"--max-page-size", "-1"}, wantErr: "--max-page-size must not be negative"}, // the largest negative
		{name: "en_US collation", args: []string{"--collation", "en_US.utf8"}, want: func(o *options) { o.collation = "en_US.utf8" }},
		{name: "unknown collation", args: []string{"--collation", "en_GB"}, wantErr: `--collation: unknown collation "en_GB"; known: C, en_US`},
		{name: "log level", args: []string{"--log-level", "loud"}, wantErr: `invalid value "loud" for flag -log-level: slog: level string "loud": unknown name (akmock -h lists the flags)`},
		{name: "log format", args: []string{"--log-format", "xml"}, wantErr: `--log-format "xml": want text or json`},
		{name: "empty log format", args: []string{"--log-format", ""}, wantErr: `--log-format "": want text or json`}, // no default stands in for ""
		{name: "unknown flag", args: []string{"--nope"}, wantErr: "flag provided but not defined: -nope (akmock -h lists the flags)"},
		{name: "fixtures naming no file", args: []string{"--fixtures", ""}, wantErr: "--fixtures names no file (leave the flag out to serve generated stages)"},
		{name: "stray argument", args: []string{"extra"}, wantErr: "unexpected arguments: [extra]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr strings.Builder
			got, err := parseFlags(tc.args, &stderr)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tc.wantErr, err.Error())
				assert.Empty(t, stderr.String(), "main prints the error, once")
				var ue *usageError
				assert.True(t, errors.As(err, &ue), "exit status 2")
				return
			}
			require.NoError(t, err)
			want := options{listen: "127.0.0.1:9000", seed: 1, count: 25, token: "akmock-token", pageSize: 100,
				validate: "strict", logFormat: "text", collation: "C"}
			tc.want(&want)
			assert.Equal(t, want, got)
		})
	}
}

// TestRunRefusesBadData: a fixture or configuration akmock cannot serve stops start-up with a
// message naming the file, the stage, the field and the problem, and exit status 2 (a usageError).
func TestRunRefusesBadData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"--fixtures", filepath.Join(dir, "nope.json")}, "nope.json: open "},
		{"bad duration", []string{"--fixtures", write("d.json", `[{"pk":"11111111-1111-4111-8111-111111111111","name":"a","session_duration":"hours"}]`)},
			`d.json: stage #0: field "session_duration": "hours" is not a duration in authentik's format`},
		{"missing name", []string{"--fixtures", write("n.json", `[{"pk":"11111111-1111-4111-8111-111111111111","name":"a"},{"pk":"22222222-2222-4222-8222-222222222222"}]`)},
			`n.json: stage #1: field "name": is required`},
		{"bad slug", []string{"--fixtures", write("s.json", `[{"pk":"11111111-1111-4111-8111-111111111111","name":"a","flow_set":[{"pk":"33333333-3333-4333-8333-333333333333","name":"f","slug":"a b","title":"t","designation":"recovery"}]}]`)},
			`s.json: stage #0: flow_set #0: field "slug": "a b" is not a slug`},
		{"bad validate mode", []string{"--validate", "loud"}, `unknown validation mode "loud"`},
		{"bad listen address", []string{"--listen", "not an address"}, "listen tcp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout strings.Builder
			// A later --listen in the case's own arguments wins over this one.
			args := append([]string{"--listen", "127.0.0.1:0"}, tc.args...)
			err := run(context.Background(), args, &stdout, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var ue *usageError
			assert.True(t, errors.As(err, &ue), "exit status 2")
			assert.Empty(t, stdout.String(), "nothing was served")
		})
	}
}

// TestHelp: --help prints the flags and is no error for the exit status (main exits 0 on it).
func TestHelp(t *testing.T) {
	var stderr strings.Builder
	_, err := parseFlags([]string{"--help"}, &stderr)
	require.ErrorIs(t, err, flag.ErrHelp)
	var ue *usageError
	assert.False(t, errors.As(err, &ue), "not exit status 2")
	assert.Contains(t, stderr.String(), "-fixtures string")
	assert.True(t, strings.HasPrefix(stderr.String(), "akmock serves authentik 2025.6.4's user login stage API"), "what akmock is, first")
}

// TestFlagsThatDoNothing: flags that another flag makes pointless are said to be, not silently
// ignored.
func TestFlagsThatDoNothing(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fixtures", "f.json", "--seed", "3"}, "akmock: --seed and --count do nothing with --fixtures: the stages are the file's\n"},
		{[]string{"--count", "3", "--fixtures", "f.json"}, "akmock: --seed and --count do nothing with --fixtures: the stages are the file's\n"},
		{[]string{"--no-auth", "--token", "x"}, "akmock: --token does nothing with --no-auth: every request is accepted\n"},
		{[]string{"--fixtures", "f.json", "--no-auth"}, ""},
		{[]string{"--seed", "3", "--count", "4", "--token", "x"}, ""},
		{[]string{"--page-size", "20", "--max-page-size", "5"}, "akmock: --page-size 20 is over --max-page-size 5: a page the client asks no size of still holds 20, as DRF's pagination does\n"},
		{[]string{"--page-size", "5", "--max-page-size", "5"}, ""},
		{[]string{"--page-size", "500"}, ""},
	} {
		var stderr strings.Builder
		_, err := parseFlags(tc.args, &stderr)
		require.NoError(t, err)
		assert.Equal(t, tc.want, stderr.String(), "%v", tc.args)
	}
}

func TestExitStatus(t *testing.T) {
	_, helpErr := parseFlags([]string{"--help"}, io.Discard)
	_, badFlag := parseFlags([]string{"--count", "-1"}, io.Discard)
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{helpErr, 0},
		{badFlag, 2},
		{errors.New("serve: broken listener"), 1},
	} {
		assert.Equal(t, tc.want, exitStatus(tc.err), "%v", tc.err)
	}
}
