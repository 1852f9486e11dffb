package cli

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
)

// app is the state of one run: the environment, the global flags and the
// store, opened on first use so that help, version and completion never
// touch a database.
type app struct {
	env Env
	db  string // --db
	ran bool   // a command's RunE started: later errors are not cobra's

	svc    *stride.Services
	server string // the server's URL when svc is the API client
	user   *stride.User
	ctx    context.Context // carries the user once the store is open
	loc    *time.Location
	sty    style
}

func newApp(env Env) *app {
	a := &app{env: env}
	a.sty = style{on: env.StdoutTTY && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb"}
	a.loc = time.Local
	if tz := env.Getenv("TZ"); tz != "" {
		if l, err := time.LoadLocation(strings.TrimPrefix(tz, ":")); err == nil {
			a.loc = l
		}
	}
	return a
}

func (a *app) close() {
	if a.svc != nil && a.svc.Close != nil {
		_ = a.svc.Close()
	}
}

// run wraps a command's work: it records that cobra accepted the command
// line, so that any later error is judged by its code.
func (a *app) run(f func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		a.ran = true
		return f(cmd, args)
	}
}

// now returns the injected clock's time in the user's zone.
func (a *app) now() time.Time { return a.env.Now().In(a.loc) }

// today resolves "today" at the edge, in the user's zone.
func (a *app) today() stride.Date { return stride.DateOf(a.now()) }

// weekStart returns the first day of a target week for the user.
func (a *app) weekStart() time.Weekday {
	if a.user != nil {
		return a.user.WeekStart
	}
	return time.Monday
}

// dataDir returns $XDG_DATA_HOME/stride, or ~/.local/share/stride.
func (a *app) dataDir() (string, error) {
	if d := a.env.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "stride"), nil
	}
	home := a.env.Getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", stride.Errorf(stride.EINTERNAL, "cannot find a home directory for the database: set --db or STRIDE_DB")
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "stride"), nil
}

// command is how a command this run suggests starts: with the --db it was
// given, so that copying it reaches the same database (STRIDE_DB stays set
// in the shell by itself).
func (a *app) command() string {
	if a.db != "" {
		return "stride --db " + shellQuote(a.db)
	}
	return "stride"
}

// dbChoice returns the database the user named with --db or STRIDE_DB, or
// "" when none was named.
func (a *app) dbChoice() string {
	if a.db != "" {
		return a.db
	}
	return a.env.Getenv("STRIDE_DB")
}

// defaultDB returns the default database path, creating its directory.
func (a *app) defaultDB(file string) (string, error) {
	dir, err := a.dataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", stride.Errorf(stride.EINTERNAL, "cannot create the data directory: %v", err)
	}
	return filepath.Join(dir, file), nil
}

// open opens the store once and returns a context carrying the user. The
// first that is set wins: --db or STRIDE_DB (a local database),
// STRIDE_SERVER with STRIDE_TOKEN, the server of stride login, the
// default local database.
func (a *app) open(ctx context.Context) (context.Context, *stride.Services, error) {
	if a.svc != nil {
		return a.ctx, a.svc, nil
	}
	db := a.dbChoice()
	if db == "" {
		server, token, err := a.serverChoice()
		if err != nil {
			return nil, nil, err
		}
		if server != "" {
			return a.openServer(ctx, server, token)
		}
		p, err := a.defaultDB("stride.db")
		if err != nil {
			return nil, nil, err
		}
		db = p
	}
	return a.openAt(ctx, db)
}

// openAt opens the store at db and ensures the local user.
func (a *app) openAt(ctx context.Context, db string) (context.Context, *stride.Services, error) {
	svc, err := a.env.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	u, err := svc.Users.EnsureUser(ctx, a.userName())
	if err != nil {
		if svc.Close != nil {
			_ = svc.Close()
		}
		return nil, nil, err
	}
	a.svc, a.user = svc, u
	a.useZone(u)
	a.ctx = stride.NewContextWithUser(ctx, u)
	return a.ctx, svc, nil
}

// useZone reckons days in the account's time zone (set in the web app's
// settings), as the server does, unless TZ names one for this run: a step
// logged here lands on the day the board elsewhere calls today.
func (a *app) useZone(u *stride.User) {
	if a.env.Getenv("TZ") != "" || u == nil || u.TimeZone == "" {
		return
	}
	if l, err := time.LoadLocation(u.TimeZone); err == nil {
		a.loc = l
	}
}

// userName returns the local user's name: STRIDE_USER, the OS user, $USER,
// or "me".
func (a *app) userName() string {
	if n := strings.TrimSpace(a.env.Getenv("STRIDE_USER")); n != "" {
		return n
	}
	if n := a.env.Getenv("USER"); n != "" {
		return n
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "me"
}
