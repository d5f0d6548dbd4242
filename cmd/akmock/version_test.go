package main

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionLine(t *testing.T) {
	setting := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, tc := range []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"no vcs stamp", setting("-buildmode", "exe"), "akmock devel (authentik 2025.6.4 API, go1.26.8)"},
		{"clean tree", setting("vcs", "git", "vcs.revision", "b27926734b0fcc76ab26f905dbb89153d1fc8367", "vcs.time", "2026-11-27T15:51:16Z", "vcs.modified", "false"),
			"akmock b27926734b0f 2026-11-27T15:51:16Z (authentik 2025.6.4 API, go1.26.8)"},
		{"modified tree", setting("vcs.revision", "b27926734b0fcc76ab26f905dbb89153d1fc8367", "vcs.time", "2026-11-27T15:51:16Z", "vcs.modified", "true"),
			"akmock b27926734b0f+modified 2026-11-27T15:51:16Z (authentik 2025.6.4 API, go1.26.8)"},
		{"short revision, no time", setting("vcs.revision", "abc"), "akmock abc (authentik 2025.6.4 API, go1.26.8)"},
	} {
		got := versionLine(&debug.BuildInfo{GoVersion: "go1.26.8", Settings: tc.settings})
		assert.Equal(t, tc.want, got, tc.name)
	}
}

// TestRunVersion: --version prints one line on stdout and returns without serving, whatever the
// other flags say (a server would print its address first, then stop on the cancelled context).
func TestRunVersion(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr strings.Builder
	err := run(ctx, []string{"--listen", "127.0.0.1:0", "--count", "1", "--version"}, &stdout, &stderr)
	require.NoError(t, err)
	assert.Regexp(t, `^akmock \S+.* \(authentik 2025\.6\.4 API, go\S+\)\n$`, stdout.String())
	assert.Empty(t, stderr.String())
}
