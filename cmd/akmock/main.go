// Command akmock serves authentik 2025.6's user login stage API from memory, on seeded fake
// data or a fixture file, for contract tests and local development.
//
//	akmock [--listen 127.0.0.1:9000] [--seed N] [--count N] [--fixtures FILE] [--token T] [--no-auth]
//	       [--page-size N] [--max-page-size N] [--validate strict|warn|off] [--log-format text|json]
//	       [--log-level debug|info|warn|error] [--collation C|en_US]
//	akmock --version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	err := run(stopOnSignals(), os.Args[1:], os.Stdout, os.Stderr)
	status := exitStatus(err)
	if status != 0 {
		fmt.Fprintln(os.Stderr, "akmock:", err)
	}
	os.Exit(status)
}

// exitStatus is the command's exit status for what run returned: 0 when it served and stopped
// or printed its usage for --help, 2 for a usage error (a bad flag, file or address), else 1.
func exitStatus(err error) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}

// stopOnSignals returns a context that the first SIGINT or SIGTERM cancels, which stops akmock
// gracefully; a second one ends it at once: akmock exits with status 128 + the signal's number
// (130, 143; what a shell shows for a process the signal killed), rather than restore the
// signal's former action and die by it, since that action may be to ignore it: a shell script
// starts its background jobs with SIGINT ignored.
func stopOnSignals() context.Context {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-signals
		cancel()
		sig := <-signals
		fmt.Fprintln(os.Stderr, "akmock: stopped at once by a second signal")
		os.Exit(128 + int(sig.(syscall.Signal)))
	}()
	return ctx
}
