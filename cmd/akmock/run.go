package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"akmock/fixtures"
	"akmock/mockserver"
	"akmock/mockserver/query/collate"
)

// usageError is a problem with the command line or the data it names; the command exits with
// status 2 for it.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// options are the command-line flags.
type options struct {
	listen      string
	seed        int64
	count       int
	fixtures    string
	token       string
	noAuth      bool
	pageSize    int64
	maxPageSize int64
	validate    string
	logFormat   string
	logLevel    slog.Level
	collation   string
	version     bool
}

// parseFlags reads the command line. It prints the usage for --help and returns
// [flag.ErrHelp]; other problems are a [usageError], printed by main alone.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("akmock", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the flag package would print a bad flag's error and the usage
	fs.Usage = func() {}
	fs.StringVar(&o.listen, "listen", "127.0.0.1:9000", "address to listen on")
	fs.Int64Var(&o.seed, "seed", fixtures.DefaultSeed, "seed of the generated data (0 means the default)")
	fs.IntVar(&o.count, "count", fixtures.DefaultCount, "number of generated stages")
	fs.StringVar(&o.fixtures, "fixtures", "", "serve the stages of this fixture file instead of generated ones")
	fs.StringVar(&o.token, "token", mockserver.DefaultToken, "API token clients send as 'Authorization: Bearer <token>'")
	fs.BoolVar(&o.noAuth, "no-auth", false, "accept every request without a token")
	fs.Int64Var(&o.pageSize, "page-size", 100, "default page size (authentik's PAGE_SIZE)")
	fs.Int64Var(&o.maxPageSize, "max-page-size", 0, "maximum page_size (0: no maximum, as authentik 2025.6)")
	fs.StringVar(&o.validate, "validate", string(mockserver.ValidateStrict), "response schema validation: strict (violations become 500s), warn (logged) or off")
	fs.StringVar(&o.logFormat, "log-format", "text", "request log format: text or json")
	fs.TextVar(&o.logLevel, "log-level", slog.LevelInfo, "log level: debug, info (one line per request), warn or error")
	fs.StringVar(&o.collation, "collation", "C", "collation of the emulated PostgreSQL, which orders text: C (byte order, authentik's compose file) or en_US (glibc's en_US.UTF-8, what Debian-based postgres images get)")
	fs.BoolVar(&o.version, "version", false, "print akmock's revision and the authentik API it answers as, and exit")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "akmock serves authentik %s's user login stage API from memory (README.md says more).\n\nUsage of akmock:\n", authentikAPI)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		return o, err // not a usage error
	} else if err != nil {
		return o, &usageError{fmt.Errorf("%w (akmock -h lists the flags)", err)}
	}
	if fs.NArg() > 0 {
		return o, &usageError{fmt.Errorf("unexpected arguments: %v", fs.Args())}
	}
	tokenErr := mockserver.CheckToken(o.token)
	_, collationErr := collate.Lookup(o.collation)
	switch {
	case o.count < 0:
		return o, &usageError{errors.New("--count must not be negative")}
	case o.count > fixtures.MaxCount:
		return o, &usageError{fmt.Errorf("--count must be at most %d", fixtures.MaxCount)}
	case o.token == "" && !o.noAuth:
		return o, &usageError{errors.New("--token must not be empty (--no-auth accepts requests without one)")}
	case tokenErr != nil && !o.noAuth: // with --no-auth the token is not used
		return o, &usageError{fmt.Errorf("--token: %w", tokenErr)} // the token itself is never shown
	case o.pageSize < 1:
		return o, &usageError{errors.New("--page-size must be at least 1")}
	case o.maxPageSize < 0:
		return o, &usageError{errors.New("--max-page-size must not be negative")}
	case collationErr != nil:
		return o, &usageError{fmt.Errorf("--collation: %w", collationErr)}
	case o.logFormat != "text" && o.logFormat != "json":
		return o, &usageError{fmt.Errorf("--log-format %q: want text or json", o.logFormat)}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["fixtures"] && o.fixtures == "" { // an unset variable in a script: not generated data unsaid
		return o, &usageError{errors.New("--fixtures names no file (leave the flag out to serve generated stages)")}
	}
	if set["fixtures"] && (set["seed"] || set["count"]) {
		fmt.Fprintln(stderr, "akmock: --seed and --count do nothing with --fixtures: the stages are the file's")
	}
	if set["token"] && o.noAuth {
		fmt.Fprintln(stderr, "akmock: --token does nothing with --no-auth: every request is accepted")
	}
	if o.maxPageSize > 0 && o.pageSize > o.maxPageSize { // DRF caps only a page_size the client asks for
		fmt.Fprintf(stderr, "akmock: --page-size %d is over --max-page-size %d: a page the client asks no size of still holds %d, as DRF's pagination does\n",
			o.pageSize, o.maxPageSize, o.pageSize)
	}
	return o, nil
}

// run starts akmock with the given arguments and serves until ctx is done, then shuts down
// gracefully: in-flight requests finish.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if o.version {
		info, ok := debug.ReadBuildInfo()
		if !ok { // a binary built without module support
			info = &debug.BuildInfo{GoVersion: runtime.Version()}
		}
		_, err := fmt.Fprintln(stdout, versionLine(info))
		return err
	}
	var logger *slog.Logger
	logs := newLogWriter(stderr)
	defer logs.Close()
	handlerOptions := &slog.HandlerOptions{Level: o.logLevel}
	if o.logFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(logs, handlerOptions))
	} else {
		logger = slog.New(slog.NewTextHandler(logs, handlerOptions))
	}
	// The address first: a port in use is reported at once, not after the data is made.
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return &usageError{fmt.Errorf("%w%s", err, listenHint(o.listen))}
	}
	defer ln.Close() // for the returns before Serve, which closes it itself
	cfg := mockserver.Config{
		Seed: o.seed, Count: o.count, Token: o.token, NoAuth: o.noAuth,
		PageSize: o.pageSize, MaxPageSize: o.maxPageSize,
		Validate: mockserver.ValidateMode(o.validate), Collation: o.collation, Logger: logger,
	}
	seed := o.seed
	if seed == 0 {
		seed = fixtures.DefaultSeed // as Generate reads it
	}
	source := fmt.Sprintf("%s generated from seed %d", stagesCount(o.count), seed)
	if o.count == 0 {
		cfg.Stages = []fixtures.UserLoginStage{} // an empty server, not the default count
	}
	if o.fixtures != "" {
		stages, ignored, err := fixtures.LoadFileNoting(o.fixtures)
		if err != nil {
			return &usageError{err}
		}
		noteIgnored(stderr, o.fixtures, ignored)
		cfg.Stages = stages
		source = fmt.Sprintf("%s from %s", stagesCount(len(stages)), o.fixtures)
	}
	srv, err := mockserver.New(cfg)
	if err != nil {
		return &usageError{err}
	}
	background := make(chan struct{}) // stops the goroutines below when run returns
	defer close(background)
	followLiveHeap(background, time.Second, srv.Replacements)
	if ctx.Err() != nil { // stopped while the data was being made: never start serving
		fmt.Fprintln(stdout, "akmock: stopped before serving")
		return nil
	}
	if !isLoopback(ln.Addr()) && o.noAuth { // on stderr itself: no --log-level may hide it
		fmt.Fprintf(stderr, "akmock: DANGER: listening on %s, not loopback, with authentication switched off; anyone who can reach it can read and change its data\n", asGiven(o.listen, ln.Addr()))
	}
	timeouts := newConnTimeouts(headerTimeout, requestTimeout, idleTimeout, time.Second)
	go timeouts.run(background)
	var inFlight atomic.Int64
	httpServer := &http.Server{
		Handler:        counted(srv, &inFlight),
		ConnState:      timeouts.connState,
		MaxHeaderBytes: 64 << 10,
	}
	base := "http://" + reachable(ln.Addr())
	fmt.Fprintf(stdout, "akmock: serving %s on %s/api/v3/stages/user_login/\n", source, base)
	if o.noAuth {
		fmt.Fprintln(stdout, "akmock: authentication is off")
	} else if o.token == mockserver.DefaultToken {
		fmt.Fprintf(stdout, "akmock: send \"Authorization: Bearer %s\"\n", o.token)
	} else {
		fmt.Fprintln(stdout, "akmock: send \"Authorization: Bearer <the --token value>\"")
	}
	if c, _ := collate.Lookup(o.collation); c != collate.C {
		fmt.Fprintf(stdout, "akmock: text is ordered by the %s collation\n", c)
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(timeouts.listen(ln)) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if err := shutDown(httpServer, &inFlight, shutdownTimeout, stderr); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "akmock: stopped")
	return nil
}

// maxIgnoredNotes bounds how many ignored keys of a fixture are named at start-up.
const maxIgnoredNotes = 10

// noteIgnored says on stderr which keys of the fixture file were ignored: a misspelt field
// takes its default without a word otherwise.
func noteIgnored(stderr io.Writer, path string, ignored []string) {
	for i, key := range ignored {
		if i == maxIgnoredNotes {
			fmt.Fprintf(stderr, "akmock: fixture %s: %d more keys ignored\n", path, len(ignored)-i)
			return
		}
		fmt.Fprintf(stderr, "akmock: fixture %s: %s is no field of a user login stage or its flows; ignored\n", path, key)
	}
}

// shutdownTimeout is how long in-flight requests may take to finish once akmock is asked to stop.
const shutdownTimeout = 10 * time.Second

// cutOffWait bounds how long a shutdown waits, after cutting requests off, for their handlers
// to see it and log them (status 499): a handler held by a fault's latency returns as soon as
// its connection closes.
const cutOffWait = 2 * time.Second

// counted serves with h, counting the requests being served in inFlight. (A sync.WaitGroup
// would not do: a request may still start while the shutdown waits, and a WaitGroup's Add from
// zero must come before its Wait.)
func counted(h http.Handler, inFlight *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inFlight.Add(1)
		defer inFlight.Add(-1)
		h.ServeHTTP(w, r)
	})
}

// shutDown stops srv gracefully: no new connections, in-flight requests (counted in inFlight)
// finish. Those still running after timeout (an injected latency may last 50 s) are cut off and
// said so: stopping is what was asked for, so that is not an error. Their handlers are given
// cutOffWait to log them before shutDown returns, since the log is flushed and closed after.
func shutDown(srv *http.Server, inFlight *atomic.Int64, timeout time.Duration, stderr io.Writer) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	fmt.Fprintf(stderr, "akmock: requests still running %s after the stop signal were cut off\n", timeout)
	err = srv.Close()
	for deadline := time.Now().Add(cutOffWait); inFlight.Load() > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	return err
}

// The connection timeouts (connTimeouts): a client gets headerTimeout to send a request's headers,
// the server requestTimeout to read its body and answer (injected latency stays below it:
// mockserver's maxFaultLatency), and a keep-alive connection may wait idleTimeout for its next
// request.
const (
	headerTimeout  = 10 * time.Second
	requestTimeout = 60 * time.Second
	idleTimeout    = 120 * time.Second
)

// reachable is the address to print for clients on this machine: an address that stands for
// every interface (":9000", "0.0.0.0:9000") is not one a client can connect to, so it becomes the
// loopback address of its port.
func reachable(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	return addr.String()
}

// listenHint says how to write a --listen value that has no port, most often a bare port.
func listenHint(listen string) string {
	if strings.Contains(listen, ":") {
		return ""
	}
	if _, err := strconv.ParseUint(listen, 10, 16); err == nil {
		return fmt.Sprintf(" (--listen takes host:port: 127.0.0.1:%s, or :%s for every interface)", listen, listen)
	}
	return " (--listen takes host:port, such as 127.0.0.1:9000)"
}

// asGiven is the address listened on as --listen named it, with the port taken: Go reports
// "0.0.0.0:0" as "[::]:PORT", having opened a socket for IPv4 and IPv6 alike.
func asGiven(listen string, addr net.Addr) string {
	host, _, err := net.SplitHostPort(listen)
	tcp, ok := addr.(*net.TCPAddr)
	if err != nil || !ok {
		return addr.String()
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// stagesCount is n stages, in words: "1 stage", "25 stages".
func stagesCount(n int) string {
	if n == 1 {
		return "1 stage"
	}
	return fmt.Sprintf("%d stages", n)
}
