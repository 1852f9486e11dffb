package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	strhttp "github.com/strideapp/stride/http"
)

type serveOptions struct {
	addr         string
	baseURL      string
	registration string
	demo         bool
	trustProxy   bool
	logLevel     string
}

// shutdownGrace is how long in-flight requests get to finish after
// SIGINT or SIGTERM.
const shutdownGrace = 15 * time.Second

func (a *app) serveCmd() *cobra.Command {
	o := serveOptions{
		addr:         envOr(a.env.Getenv("STRIDE_ADDR"), "127.0.0.1:8080"),
		baseURL:      a.env.Getenv("STRIDE_BASE_URL"),
		registration: a.env.Getenv("STRIDE_REGISTRATION"),
		logLevel:     envOr(a.env.Getenv("STRIDE_LOG_LEVEL"), "info"),
	}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web app and the JSON API",
		Long: `Serve the web app and the JSON API (docs/api.md) from the database.

On a database where no account has a password yet, serve prints a one-time
setup link that creates the first account. Give it the name stride already
uses on the command line (your OS user) to keep your goals.

Logs go to standard error, as JSON when it is not a terminal. SIGINT or
SIGTERM stops the server after in-flight requests finish.`,
		Example: `  stride serve
  stride serve --addr :8080 --base-url https://stride.example \
    --db postgres://stride@db/stride
  stride serve --demo`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runServe(cmd.Context(), o) }),
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", o.addr, "address to listen on ($STRIDE_ADDR)")
	f.StringVar(&o.baseURL, "base-url", o.baseURL, "the URL users reach the server at ($STRIDE_BASE_URL)")
	f.StringVar(&o.registration, "registration", o.registration,
		"who may sign up: open, invite or closed; stored for every server on the database\n(default: as stored, else closed) ($STRIDE_REGISTRATION)")
	f.BoolVar(&o.demo, "demo", false, "fill the database with sample goals first (its own demo.db without --db)")
	f.BoolVar(&o.trustProxy, "trust-proxy", a.env.Getenv("STRIDE_TRUST_PROXY") == "1",
		"trust X-Forwarded-Proto and X-Forwarded-For from a reverse proxy ($STRIDE_TRUST_PROXY=1)")
	f.StringVar(&o.logLevel, "log-level", o.logLevel,
		"the log lines to write: debug, info (one per request, and up), warn or error\n($STRIDE_LOG_LEVEL)")
	return cmd
}

func envOr(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

func (a *app) runServe(ctx context.Context, o serveOptions) error {
	mode := stride.RegistrationMode(o.registration)
	switch mode {
	case "", stride.RegistrationOpen, stride.RegistrationInvite, stride.RegistrationClosed:
	default:
		return usagef("--registration %q is not open, invite or closed", o.registration)
	}
	o.baseURL = strings.TrimSuffix(o.baseURL, "/")
	if o.baseURL != "" && !strings.HasPrefix(o.baseURL, "http://") && !strings.HasPrefix(o.baseURL, "https://") {
		return usagef("--base-url %q must start with http:// or https://", o.baseURL)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.logLevel)); err != nil {
		return usagef("--log-level %q is not debug, info, warn or error", o.logLevel)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger := a.logger(level)
	if o.demo {
		if err := a.runDemo(ctx, demoOptions{goals: 8, years: 2, seed: 1}); err != nil {
			return err
		}
	}
	svc := a.svc
	if svc == nil {
		db := a.dbChoice()
		if db == "" {
			p, err := a.defaultDB("stride.db")
			if err != nil {
				return err
			}
			db = p
		}
		var err error
		if svc, err = a.env.OpenServe(ctx, db); err != nil {
			return err
		}
		a.svc = svc // closed by Run
	}
	if svc.Auth == nil {
		return stride.Errorf(stride.EINTERNAL, "this store cannot keep accounts, so it cannot be served")
	}

	// The mode is a setting in the database, so that every server on it
	// agrees; the flag changes it, and without the flag it stays as stored.
	if mode != "" {
		if err := strhttp.SetRegistration(ctx, svc.Auth, mode); err != nil {
			return err
		}
	}
	mode, err := strhttp.Registration(ctx, svc.Auth, stride.RegistrationClosed)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return stride.Errorf(stride.EINVALID, "cannot listen on %s: %v (choose another with --addr)", o.addr, err)
	}
	base := o.baseURL
	if base == "" {
		base = "http://" + reachable(ln.Addr())
	}
	srv := strhttp.NewServer(strhttp.Deps{
		Services: svc, Logger: logger, Now: a.env.Now, BaseURL: o.baseURL,
		Config: strhttp.Config{Registration: mode, TrustProxy: o.trustProxy},
	})
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}

	fmt.Fprintf(a.env.Stderr, "stride is serving at %s\n", base)
	switch mode {
	case stride.RegistrationOpen:
		fmt.Fprintf(a.env.Stderr, "Registration is open: anyone can create an account at %s/register.\n", base)
	case stride.RegistrationInvite:
		say(a.env.Stderr, "Registration is by invite: signed-in users make links on their settings page, or run stride invite create.")
	}
	token, err := strhttp.PrepareSetup(ctx, svc)
	if err != nil {
		ln.Close()
		return err
	}
	if token != "" {
		fmt.Fprintf(a.env.Stderr, "Open %s/setup/%s to create the first account.\n", base, token)
		if o.demo {
			say(a.env.Stderr, "The demo goals belong to %q: create the account with that name to see them.\n", a.userName())
		}
	}

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight", "grace", shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(a.env.Stderr, "stride stopped.")
	return nil
}

// logger logs lines of level or more to standard error: text for a person
// at a terminal, JSON for a log collector otherwise.
func (a *app) logger(level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if a.env.StdoutTTY {
		return slog.New(slog.NewTextHandler(a.env.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(a.env.Stderr, opts))
}

// reachable is an address a browser on this machine can open for a
// listener at addr: listening on every interface (0.0.0.0, ::) is reached
// at localhost, which a browser accepts where it refuses the unspecified
// address.
func reachable(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return net.JoinHostPort("localhost", strconv.Itoa(tcp.Port))
	}
	return addr.String()
}
