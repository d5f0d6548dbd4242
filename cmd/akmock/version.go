package main

import (
	"runtime/debug"
	"strings"
)

// authentikAPI is the authentik release akmock answers as: the version of the OpenAPI document
// its schemas and recorded answers come from.
const authentikAPI = "2025.6.4"

// versionLine is what --version prints: akmock's revision as Go stamped it into the binary
// ("devel" when the build carries none, as with go run or -buildvcs=false), the authentik API it
// answers as, and the Go release that built it.
func versionLine(info *debug.BuildInfo) string {
	revision, when, modified := "", "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var b strings.Builder
	b.WriteString("akmock ")
	switch {
	case revision == "":
		b.WriteString("devel")
	default:
		b.WriteString(revision[:min(len(revision), 12)])
		if modified {
			b.WriteString("+modified")
		}
		if when != "" {
			b.WriteString(" " + when)
		}
	}
	b.WriteString(" (authentik " + authentikAPI + " API, " + info.GoVersion + ")")
	return b.String()
}
