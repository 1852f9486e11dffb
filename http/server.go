// Package http is stride's web server: the JSON API under /api/v1 for
// scripts and the CLI, the server-rendered web app (the board, goal pages
// with charts, goal and step forms, settings, API tokens, sign-in, sign-up
// and invite links, and the one-time setup link; docs/web.md) and the operational endpoints
// (/healthz, /readyz, /metrics). Every route is listed in routes.go.
//
// The package is named after the dependency it adapts (net/http), so
// callers import it under another name, such as strhttp.
package http

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/instrument"
)

// Config holds the server's settings; zero values take the defaults.
type Config struct {
	// SessionIdle ends a browser session unused this long (default 7 days).
	SessionIdle time.Duration
	// SessionMaxAge ends a browser session this long after sign-in,
	// however busy (default 30 days).
	SessionMaxAge time.Duration
	// Registration is who may create an account when the server setting
	// "registration" is unset (default closed).
	Registration stride.RegistrationMode
	// TrustProxy trusts X-Forwarded-Proto and X-Forwarded-For from the
	// peer: set it only behind a reverse proxy that sets them.
	TrustProxy bool
	// LoginWindow, LoginFailuresPerAccount and LoginFailuresPerIP bound
	// failed sign-ins (defaults 15 minutes, 5 and 20).
	LoginWindow             time.Duration
	LoginFailuresPerAccount int
	LoginFailuresPerIP      int
}

func (c Config) withDefaults() Config {
	if c.SessionIdle <= 0 {
		c.SessionIdle = 7 * 24 * time.Hour
	}
	if c.SessionMaxAge <= 0 {
		c.SessionMaxAge = 30 * 24 * time.Hour
	}
	if c.Registration == "" {
		c.Registration = stride.RegistrationClosed
	}
	if c.LoginWindow <= 0 {
		c.LoginWindow = 15 * time.Minute
	}
	if c.LoginFailuresPerAccount <= 0 {
		c.LoginFailuresPerAccount = 5
	}
	if c.LoginFailuresPerIP <= 0 {
		c.LoginFailuresPerIP = 20
	}
	return c
}

// Deps is everything the server needs from outside. Services must include
// Auth; the other fields may be left zero.
type Deps struct {
	Services *stride.Services
	Logger   *slog.Logger // nil discards logs
	// Now is the clock (time.Now when nil). "Today" is its date in the
	// user's time zone, or in the clock's own location for users without one.
	Now func() time.Time
	// BaseURL is the address users reach the server at, such as
	// https://stride.example; it is trusted as an origin for forms.
	BaseURL string
	// Ping checks that the database answers, for /readyz. When nil, a
	// cheap read of a server setting stands in.
	Ping   func(ctx context.Context) error
	Config Config
}

// Server is the HTTP handler of stride. Build it with NewServer.
type Server struct {
	deps    Deps
	cfg     Config
	log     *slog.Logger
	svc     *stride.Services
	handler http.Handler
	metrics *metrics
	pages   map[string]*template.Template
	assetV  string // a hash of the assets, appended to their URLs
}

// NewServer returns the server over deps. It panics when deps has no
// Services or no Auth service, or when an embedded template does not parse:
// both are programming errors caught by any test.
func NewServer(deps Deps) *Server {
	if deps.Services == nil || deps.Services.Auth == nil {
		panic("http.NewServer: Deps.Services with an Auth service is required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	m := newMetrics()
	s := &Server{
		deps:    deps,
		cfg:     deps.Config.withDefaults(),
		log:     deps.Logger,
		svc:     instrument.Services(deps.Services, m.observeStore), // every store call timed
		metrics: m,
	}
	if s.deps.Ping == nil {
		auth := s.svc.Auth
		s.deps.Ping = func(ctx context.Context) error {
			_, err := auth.Setting(ctx, "ping")
			return err
		}
	}
	s.pages, s.assetV = mustParsePages()
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		pattern := rt.pattern
		if rt.method != "" {
			pattern = rt.method + " " + pattern
		}
		mux.Handle(pattern, s.wrap(rt))
	}
	s.handler = s.securityHeaders(s.observe(s.recoverPanics(mux)))
	return s
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// now returns the server's clock.
func (s *Server) now() time.Time { return s.deps.Now() }

// today returns today's date for the user in ctx: in the user's time zone
// when it has one, else in the clock's location.
func (s *Server) today(ctx context.Context) stride.Date { return stride.DateOf(s.userNow(ctx)) }

// userNow returns the clock's time in the time zone of the user in ctx
// (the clock's location when the user has none).
func (s *Server) userNow(ctx context.Context) time.Time {
	return s.now().In(s.location(stride.UserFromContext(ctx)))
}

// earliestZone is the zone whose days begin first on Earth, UTC+14.
var earliestZone = time.FixedZone("UTC+14", 14*60*60)

// stepLater returns EINVALID for a step on day, at the time of day clock
// (nil for none), that is later than now (stride.StepLater). A day the
// client named may be reckoned in a zone other than the user's setting (a
// CLI on a laptop abroad, or run with TZ), so only a moment that has come
// nowhere on Earth yet (UTC+14) is surely later; a step the server dates
// itself (named false: today) is on the user's clock, in the user's zone.
func (s *Server) stepLater(ctx context.Context, day stride.Date, clock *int, named bool) error {
	if clock != nil && (*clock < 0 || *clock >= 24*60) {
		clock = nil // no time of day: stride.Step's Validate says what is accepted
	}
	now := s.userNow(ctx)
	if named {
		now = s.now().In(earliestZone)
	}
	switch {
	case !stride.StepLater(day, clock, now):
		return nil
	case day > stride.DateOf(now):
		return stride.Errorf(stride.EINVALID, "%s has not begun anywhere yet: steps record what was done, on today or earlier", day)
	case named:
		return stride.Errorf(stride.EINVALID, `"time" %d (%s) on %s has not come anywhere yet: steps record what was done, up to now`,
			*clock, stride.FormatClock(*clock), day)
	}
	return stride.Errorf(stride.EINVALID, `"time" %d (%s) is later than now (%s in %s, the account's time zone): steps record what was done, so give a time up to %d (%s), or leave "time" out`,
		*clock, stride.FormatClock(*clock), stride.FormatClock(stride.ClockOf(now)), now.Location(), stride.ClockOf(now), stride.FormatClock(stride.ClockOf(now)))
}

// location returns u's time zone, or the clock's location when u has
// none (or is nil).
func (s *Server) location(u *stride.User) *time.Location {
	if u != nil && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	return s.now().Location()
}
