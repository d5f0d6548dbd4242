package mockserver

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"akmock/fixtures"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
	"akmock/mockserver/store"
	"akmock/schema"
)

// ValidateMode says what happens to a response that fails its JSON Schema.
type ValidateMode string

const (
	// ValidateStrict replaces the response by a 500 naming the failed keywords, and logs it.
	ValidateStrict ValidateMode = "strict"
	// ValidateWarn logs the violation and sends the response unchanged.
	ValidateWarn ValidateMode = "warn"
	// ValidateOff skips validation.
	ValidateOff ValidateMode = "off"
)

// Config configures a [Server]. Its zero value serves 25 seeded stages, requires the token
// [DefaultToken], pages by 100 without a maximum and validates strictly. [New] refuses negative
// counts and sizes.
type Config struct {
	// Stages is the data to start with; empty fields take authentik's model defaults
	// ([fixtures.CopyWithDefaults]), and New refuses what a fixture file could not hold either
	// ([fixtures.Check]: pks not in canonical form or used twice, names used twice, text that is
	// not UTF-8 or holds a NUL, names too long for PostgreSQL's unique index, durations not in
	// authentik's format, values outside their choices, flows that clash; then anything
	// authentik's schema refuses). When nil, Seed and Count generate the data; an empty, non-nil
	// slice starts a server without stages.
	Stages []fixtures.UserLoginStage
	// Seed and Count drive [fixtures.Generate] when Stages is nil (0 means the defaults; Count
	// is at most [fixtures.MaxCount]).
	Seed  int64
	Count int
	// Token is the API token clients send as "Authorization: Bearer <token>" ([DefaultToken]
	// when empty). New refuses one no client could send: with white space at either end, or a
	// control character.
	Token string
	// NoAuth switches authentication off: every request is the token's superuser.
	NoAuth bool
	// PageSize is the default page size (0: authentik's 100); MaxPageSize caps `page_size`
	// (0: no maximum, as authentik 2025.6 ships).
	PageSize    int64
	MaxPageSize int64
	// MaxBodyBytes is the largest request body read on authentik's routes (0:
	// [DefaultMaxBodyBytes]); a larger one is refused with 413. The control API reads bodies up
	// to 256 MiB, whatever this says.
	MaxBodyBytes int64
	// Validate is the schema validation mode (default [ValidateStrict]).
	Validate ValidateMode
	// Collation is the collation of the emulated database, which orders text ([collate.Lookup]'s
	// names): "C" (the default when empty), byte order, as authentik's official compose file
	// (postgres:16-alpine) gets it; or "en_US", glibc's en_US.UTF-8, as a database made by a
	// Debian-based image (the official postgres:16, for one) gets it.
	Collation string
	// Logger receives one line per request and every schema violation (default: discard).
	Logger *slog.Logger
	// OnViolation, when set, is called for every response that fails its schema (the test
	// helper fails the test with it). It is called from the requests' goroutines, possibly
	// several at once.
	OnViolation func(*schema.Error)
}

// checkValues refuses what the command's flags refuse too: negative sizes, which mean nothing,
// and a token no client could send.
func (cfg Config) checkValues() error {
	for _, v := range []struct {
		name  string
		value int64
		zero  string
	}{
		{"Count", int64(cfg.Count), "generates the default " + strconv.Itoa(fixtures.DefaultCount)},
		{"PageSize", cfg.PageSize, "is authentik's 100"},
		{"MaxPageSize", cfg.MaxPageSize, "is no maximum"},
		{"MaxBodyBytes", cfg.MaxBodyBytes, "is authentik's 32 MiB"},
	} {
		if v.value < 0 {
			return fmt.Errorf("Config.%s %d: must not be negative (0 %s)", v.name, v.value, v.zero)
		}
	}
	if cfg.Stages == nil && cfg.Count > fixtures.MaxCount { // Count generates only without Stages
		return fmt.Errorf("Config.Count %d: cannot generate more than %d stages", cfg.Count, fixtures.MaxCount)
	}
	if cfg.NoAuth {
		return nil
	}
	if err := CheckToken(cfg.Token); err != nil {
		return fmt.Errorf("Config.Token: %w", err) // the token itself is never shown
	}
	return nil
}

// CheckToken says why no client could send token in its Authorization header as authentik
// reads it, or returns nil. It accepts the empty token, which [New] replaces with
// [DefaultToken].
func CheckToken(token string) error {
	const stripped = "white space, which authentik strips from the header, so no client could send it"
	if first, _ := utf8.DecodeRuneInString(token); token != "" && query.PyIsSpace(first) {
		return fmt.Errorf("starts with %U, %s", first, stripped)
	}
	if last, _ := utf8.DecodeLastRuneInString(token); token != "" && query.PyIsSpace(last) {
		return fmt.Errorf("ends with %U, %s", last, stripped)
	}
	if i := strings.IndexFunc(token, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }); i >= 0 {
		return fmt.Errorf("holds the control character %U at byte %d, which no HTTP header can carry", rune(token[i]), i)
	}
	return nil
}

// DefaultToken is the token when [Config.Token] is empty.
const DefaultToken = "akmock-token"

// Server is akmock's HTTP handler. It is safe for concurrent use.
type Server struct {
	cfg       Config
	store     *store.Store
	schemas   *schema.Validator
	pageSizes query.PageSizes
	collation collate.Collation // orders text in lists
	log       *slog.Logger
	router    *mux.Router
	root      http.Handler // the router behind the request log and the URI length limit
	journal   *journal
	faults    *faults

	paginations passed       // pagination objects that passed their schema
	coded       *codedBodies // compressed forms of recent bodies
}

// New builds a server: it generates or takes the stages and compiles the schemas. Stages from
// cfg.Stages are checked against Load's rules and the schema now, so bad data stops start-up
// rather than a request (the error is a *[fixtures.LoadError] naming the stage and field);
// generated ones are checked against the schema as each is first served.
func New(cfg Config) (*Server, error) {
	if err := cfg.checkValues(); err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		cfg.Token = DefaultToken
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = 100
	}
	if cfg.Validate == "" {
		cfg.Validate = ValidateStrict
	}
	switch cfg.Validate {
	case ValidateStrict, ValidateWarn, ValidateOff:
	default:
		return nil, fmt.Errorf("unknown validation mode %q (want strict, warn or off)", cfg.Validate)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	collation := collate.C
	if cfg.Collation != "" {
		c, err := collate.Lookup(cfg.Collation)
		if err != nil {
			return nil, fmt.Errorf("Config.Collation: %w", err)
		}
		collation = c
	}
	schemas, err := schema.New()
	if err != nil {
		return nil, fmt.Errorf("compiling the JSON schemas: %w", err)
	}
	configured := cfg.Stages
	cfg.Stages = nil // the server keeps its own copy, not the caller's
	s := &Server{
		cfg:       cfg,
		schemas:   schemas,
		pageSizes: query.PageSizes{Default: cfg.PageSize, Max: cfg.MaxPageSize},
		collation: collation,
		log:       cfg.Logger,
		journal:   &journal{},
		faults:    newFaults(),
		coded:     newCodedBodies(),
	}
	var v *store.Version
	if configured != nil {
		if v, err = s.configuredVersion("Config.Stages", configured); err != nil {
			return nil, err
		}
	} else {
		count := cfg.Count
		if count <= 0 {
			count = fixtures.DefaultCount
		}
		v = store.Adopt(fixtures.Generate(cfg.Seed, count)) // checked as each stage is first served
	}
	s.store = store.New(v)
	s.router = s.routes()
	s.root = s.logRequests(s.limitURI(http.HandlerFunc(s.dispatch)))
	return s, nil
}

// checkEntries validates each stage's API form against the stage schema, naming the first that
// fails by its index. Generated data skips this at start-up (each stage is checked the first time
// it is served), which keeps start-up fast; data from outside is checked whole before serving.
func (s *Server) checkEntries(source string, entries []*store.Entry) error {
	if i, err := s.checkStages(entries); err != nil {
		return &fixtures.LoadError{Source: source, Stage: i, Flow: -1, Problem: "does not match authentik's schema: " + err.Error()}
	}
	return nil
}

// ReplaceStages replaces all data at once with stages, as Config.Stages would start a server:
// authentik's defaults fill the empty fields, and stages a fixture file could not hold are
// refused (the error, a *[fixtures.LoadError], names the stage and field) with nothing changed.
// The server keeps its own copy. Unlike Config.Stages, nil is no data, not generated data.
func (s *Server) ReplaceStages(stages []fixtures.UserLoginStage) error {
	v, err := s.configuredVersion("ReplaceStages", stages)
	if err != nil {
		return err
	}
	s.store.Publish(v)
	return nil
}

// configuredVersion builds a version of stages given from Go or read from a fixture: checked as a
// fixture file would be ([fixtures.Check], then the stage schema), with authentik's defaults
// (fields a fixture may give empty, such as a flow's background, too), on a copy. source names
// where the stages came from in errors.
func (s *Server) configuredVersion(source string, stages []fixtures.UserLoginStage) (*store.Version, error) {
	if err := fixtures.Check(source, stages); err != nil {
		return nil, err
	}
	v := store.Adopt(fixtures.CopyWithDefaults(stages))
	if err := s.checkEntries(source, v.Entries()); err != nil {
		return nil, err
	}
	return v, nil
}

// Stages returns a copy of the current data, in the order the stages were added: changing it
// changes nothing in the server ([Server.ReplaceStages] replaces the data).
func (s *Server) Stages() []fixtures.UserLoginStage { return s.store.Current().Stages() }

// Reset puts back the data the server started with, as the control API's POST /_akmock/reset
// does; the journal and the fault rules stay.
func (s *Server) Reset() { s.store.Reset() }

// Replacements counts the times the data was replaced whole ([Server.ReplaceStages],
// [Server.Reset], the control API's PUT data and reset), not the writes: when it changes, the
// data's size may have changed entirely (akmock's command refits its memory limit then).
func (s *Server) Replacements() uint64 { return s.store.Published() }

// ServeHTTP serves one request and logs it. A request whose body cannot be read whole, or whose
// context ends while a fault's latency holds it (its client went away), is not answered:
// ServeHTTP panics with [http.ErrAbortHandler], on which net/http's servers close the connection
// quietly. Called in process (the request carries no [http.ServerContextKey], as with
// httptest.NewRecorder), it writes the status [StatusClientClosed] instead and returns.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.root.ServeHTTP(w, r)
}

// apiPrefix is where DRF's router serves authentik's viewset.
const apiPrefix = "/api/v3/stages/user_login/"

// routes registers authentik's viewset (its three URL patterns are told apart by [viewRoute]),
// the health checks, the control API (with a JSON 404 for the rest of its prefix), and
// everything else as authentik's 404 page. Paths reach the router clean ([Server.dispatch]
// redirects the others, as authentik's Go router does, and the router is told not to) and are
// matched as they are: a path without its trailing slash is not redirected (authentik sets
// APPEND_SLASH = False).
func (s *Server) routes() *mux.Router {
	r := mux.NewRouter().SkipClean(true)
	r.MatcherFunc(underAPIPrefix).Handler(s.viewset())
	r.HandleFunc("/-/health/live/", live)
	r.Handle("/-/health/ready/", s.adapt(0, false, behindRouter(djangoChecks(ready))))
	for _, rt := range controlRoutes() {
		r.Handle(rt.path, s.control(rt))
	}
	r.MatcherFunc(underControlPrefix).Handler(s.controlNotFound())
	notFound := s.apiHandler(func(c *call) (response, error) {
		return response{}, errRouteNotFound
	})
	r.NotFoundHandler = notFound
	r.MethodNotAllowedHandler = notFound
	return r
}

// underControlPrefix matches every path under the control API's prefix.
func underControlPrefix(r *http.Request, _ *mux.RouteMatch) bool {
	return strings.HasPrefix(r.URL.Path, ControlPrefix)
}

// underAPIPrefix matches the paths of authentik's viewset, as PathPrefix(apiPrefix) would
// without compiling the prefix to a regular expression.
func underAPIPrefix(r *http.Request, _ *mux.RouteMatch) bool {
	return strings.HasPrefix(r.URL.Path, apiPrefix)
}

// dispatch serves a request with the handler of the route the router matches (the not-found
// handler when none does), after redirecting a path that is not clean as authentik's Go router
// does. It asks the router for the match rather than serving through it: akmock's handlers read
// their paths themselves ([viewRoute]), and mux would otherwise copy the request twice per call
// to put route variables nothing reads into its context.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if !isClean(r.URL.Path) {
		s.ownHandler(0, redirectToCleanPath).ServeHTTP(w, r)
		return
	}
	var m mux.RouteMatch
	if !s.router.Match(r, &m) {
		m.Handler = s.router.NotFoundHandler
	}
	m.Handler.ServeHTTP(w, r)
}

// cleanPath is the canonical form of a request path that authentik's Go router (gorilla/mux,
// which cleans paths unless told not to) redirects to: path.Clean's, keeping a trailing slash.
// "/api/v3/stages/user_login//", "..././" and ".../x/../" are not clean; nor is "%2F" in a path,
// since it is the decoded path that is cleaned.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

// isClean reports whether p is its own [cleanPath], without building the clean form on every
// request: it starts with a slash and no segment is ".", ".." or empty (but the last, after a
// trailing slash).
func isClean(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	for rest := p[1:]; rest != ""; {
		segment, after, slash := strings.Cut(rest, "/")
		if segment == "." || segment == ".." || (segment == "" && slash) {
			return false
		}
		rest = after
	}
	return true
}

// redirectToCleanPath is the Go router's answer to a path that is not clean: 301 to the clean
// path with the query kept, before the request reaches Django (so before its Host check,
// authentication and routes). Like the URI limit, it is not journaled.
func redirectToCleanPath(c *call) (response, error) {
	u := *c.r.URL
	u.Path = cleanPath(u.Path)
	return response{status: http.StatusMovedPermanently, header: http.Header{"Location": {u.String()}}, router: true}, nil
}

// live answers authentik's liveness check as its Go router does itself, to every method: 204
// while the server runs, behind the router's compression ([behindRouter]), which names
// Accept-Encoding in Vary and the coding a client accepts in Content-Encoding, though a 204 has
// no body to compress.
func live(w http.ResponseWriter, r *http.Request) {
	setRouterHeaders(w.Header(), routerCoding(r))
	w.WriteHeader(http.StatusNoContent)
}

// ready answers authentik's readiness check, which its router hands to Django: ReadyView's
// empty 200 (once the database and Redis answer; akmock has neither to wait for), to every
// method, through Django's middleware and so after its first checks. Not journaled.
func ready(*call) (response, error) {
	return response{status: http.StatusOK, contentType: contentTypeHTML, page: true}, nil
}
