package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// The account commands act on named users of a database that stride
// serve shares, not on the CLI's local user.

func (a *app) userCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "Add accounts for the web app and set their passwords",
		Args:  cobra.NoArgs,
		RunE:  a.run(func(cmd *cobra.Command, _ []string) error { return a.runUserList(cmd.Context(), false) }),
	}
	cmd.AddCommand(a.userAddCmd(), a.userPasswdCmd(), a.userListCmd())
	return cmd
}

// passwordOptions are the flags of the commands that set a password.
type passwordOptions struct {
	name  string
	stdin bool // --password-stdin
}

func (a *app) userAddCmd() *cobra.Command {
	var o passwordOptions
	cmd := &cobra.Command{
		Use:   "add NAME [--password-stdin]",
		Short: "Add an account that can sign in to the web app",
		Long: `Add an account and set its password. On a terminal stride asks for the
password twice; in a script, pipe it in with --password-stdin (one line).
A password has 8 to 1024 bytes.`,
		Example: `  stride user add ada
  printf '%s\n' "$PASSWORD" | stride user add ada --password-stdin`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.name = args[0]
			return a.runUserAdd(cmd.Context(), o)
		}),
	}
	cmd.Flags().BoolVar(&o.stdin, "password-stdin", false, "read the password from the first line of stdin")
	return cmd
}

func (a *app) runUserAdd(ctx context.Context, o passwordOptions) error {
	u := &stride.User{Name: strings.TrimSpace(o.name), WeekStart: time.Monday}
	if u.Name == "" {
		return usagef("a user needs a name")
	}
	// the password comes first: a refused one must not leave an account
	// behind that nobody can sign in to
	hash, err := a.newPasswordHash(o)
	if err != nil {
		return err
	}
	svc, err := a.openAccounts(ctx)
	if err != nil {
		return err
	}
	if err := svc.Auth.CreateAccount(ctx, u, hash); err != nil {
		if stride.ErrorCode(err) == stride.ECONFLICT {
			return stride.Errorf(stride.ECONFLICT, "a user named %q already exists: change the password with stride user passwd %s",
				u.Name, shellQuote(u.Name))
		}
		return err
	}
	say(a.env.Stdout, "Added %s: they can sign in to the web app (stride serve) with this password.\n", u.Name)
	return nil
}

func (a *app) userPasswdCmd() *cobra.Command {
	var o passwordOptions
	cmd := &cobra.Command{
		Use:   "passwd NAME [--password-stdin]",
		Short: "Set an account's password (signs out its browsers)",
		Long: `Set an account's password; its browser sessions end. Your own name lets
the local user (named after your OS user) sign in to the web app on the
same data. API tokens keep working: revoke them in the web app.`,
		Example: `  stride user passwd "$USER"
  printf '%s\n' "$PASSWORD" | stride user passwd ada --password-stdin`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.name = args[0]
			return a.runUserPasswd(cmd.Context(), o)
		}),
	}
	cmd.Flags().BoolVar(&o.stdin, "password-stdin", false, "read the password from the first line of stdin")
	return cmd
}

func (a *app) runUserPasswd(ctx context.Context, o passwordOptions) error {
	name := strings.TrimSpace(o.name)
	svc, err := a.openAccounts(ctx)
	if err != nil {
		return err
	}
	// look the user up before asking: no point typing a password twice
	// for a name that is not there
	u, err := a.namedUser(ctx, svc, name)
	if err != nil {
		return err
	}
	hash, err := a.newPasswordHash(o)
	if err != nil {
		return err
	}
	if err := svc.Auth.SetPasswordHash(ctx, u.ID, hash); err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stdout, "Set the password of %s; their browsers were signed out.\n", u.Name)
	return nil
}

func (a *app) userListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List accounts: password set, browsers signed in, API tokens",
		Args:    cobra.NoArgs,
		RunE:    a.run(func(cmd *cobra.Command, _ []string) error { return a.runUserList(cmd.Context(), asJSON) }),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the accounts as JSON")
	return cmd
}

// userRow is one account in stride user list.
type userRow struct {
	*stride.User
	Password bool `json:"password"` // a password is set: the user can sign in
	Sessions int  `json:"sessions"` // browsers signed in
	Tokens   int  `json:"tokens"`   // API tokens not expired
}

func (a *app) runUserList(ctx context.Context, asJSON bool) error {
	svc, err := a.openAccounts(ctx)
	if err != nil {
		return err
	}
	users, err := svc.Users.FindUsers(ctx)
	if err != nil {
		return err
	}
	// three small queries per user: a server has a handful of accounts
	now := a.env.Now()
	rows := make([]userRow, 0, len(users))
	for _, u := range users {
		r := userRow{User: u}
		_, hash, err := svc.Auth.PasswordHash(ctx, u.Name)
		if err != nil {
			return err
		}
		r.Password = hash != ""
		sessions, err := svc.Auth.FindSessions(ctx, u.ID)
		if err != nil {
			return err
		}
		r.Sessions = len(sessions)
		tokens, err := svc.Auth.FindTokens(ctx, u.ID)
		if err != nil {
			return err
		}
		for _, t := range tokens {
			if t.ExpiresAt == nil || now.Before(*t.ExpiresAt) {
				r.Tokens++
			}
		}
		rows = append(rows, r)
	}
	if asJSON {
		return writeJSON(a.env.Stdout, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(a.env.Stderr, "No accounts yet. Add one: stride user add NAME")
		return nil
	}
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tCREATED\tPASSWORD\tSESSIONS\tTOKENS")
	for _, r := range rows {
		pw := "no"
		if r.Password {
			pw = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", clip(r.Name, 24), r.CreatedAt.In(a.loc).Format(time.DateOnly), pw, r.Sessions, r.Tokens)
	}
	return tw.Flush()
}

func (a *app) tokenCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Create API tokens for scripts and other apps",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(a.tokenCreateCmd())
	return cmd
}

type tokenCreateOptions struct {
	user, name, expires string
	readOnly            bool
}

func (a *app) tokenCreateCmd() *cobra.Command {
	var o tokenCreateOptions
	cmd := &cobra.Command{
		Use:   "create --user NAME [--read-only] [--expires 90d]",
		Short: "Create an API token; it is printed once, on stdout",
		Long: `Create an API token for the JSON API (Authorization: Bearer TOKEN). The
token alone goes to stdout, so a script can capture it; it is shown only
this once, and the server keeps only its hash.`,
		Example: `  TOKEN=$(stride token create --user ada --name backup --read-only)
  stride token create --user ada --expires never`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runTokenCreate(cmd.Context(), o) }),
	}
	f := cmd.Flags()
	f.StringVar(&o.user, "user", "", "the account the token acts as")
	f.BoolVar(&o.readOnly, "read-only", false, "the token can read but not change anything")
	f.StringVar(&o.expires, "expires", "90d", "lifetime in days, such as 30d, or never")
	f.StringVar(&o.name, "name", "token", "what it is for, such as backup")
	_ = cmd.MarkFlagRequired("user")
	return cmd
}

// parseExpiry reads --expires: "never" (nil) or N days, 1 to 36500.
func parseExpiry(s string, now time.Time) (*time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "never" {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || !strings.HasSuffix(s, "d") || n < 1 || n > 36500 {
		return nil, usagef("--expires %q is not understood: give days, such as 90d, or never", s)
	}
	t := now.AddDate(0, 0, n)
	return &t, nil
}

func (a *app) runTokenCreate(ctx context.Context, o tokenCreateOptions) error {
	now := a.env.Now()
	expires, err := parseExpiry(o.expires, now)
	if err != nil {
		return err
	}
	scope := stride.ScopeReadWrite
	if o.readOnly {
		scope = stride.ScopeRead
	}
	svc, err := a.openAccounts(ctx)
	if err != nil {
		return err
	}
	u, err := a.namedUser(ctx, svc, strings.TrimSpace(o.user))
	if err != nil {
		return err
	}
	secret, hash, last4 := password.NewToken()
	t := &stride.Token{UserID: u.ID, Name: o.name, Scope: scope, Last4: last4, CreatedAt: now, ExpiresAt: expires}
	if err := svc.Auth.CreateToken(ctx, t, hash); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, secret)
	what := "read and write"
	if o.readOnly {
		what = "read-only"
	}
	until := "never expires"
	if expires != nil {
		until = "expires " + expires.In(a.loc).Format(time.DateOnly)
	}
	say(a.env.Stderr, "Token %q for %s (%s, %s, ends in %s). It is shown only this once: keep it somewhere safe. Revoke it on the web app's tokens page.\n",
		t.Name, u.Name, what, until, last4)
	return nil
}

// openAccounts opens the store the way a.open does, but without creating
// the local user: these commands act on named users, and on a server's
// database an account named after the admin's OS user would be clutter
// (and a listing should not write at all).
func (a *app) openAccounts(ctx context.Context) (*stride.Services, error) {
	if a.svc == nil {
		db := a.dbChoice()
		if db == "" {
			// signed in to a server, the local database holds no account
			// that server knows: say so rather than make one there
			server, _, err := a.serverChoice()
			if err != nil {
				return nil, err
			}
			if server != "" {
				return nil, stride.Errorf(stride.EINVALID, "this stride works on %s, whose accounts and tokens live in its own database: run the command where the server runs (or name that database with --db PATH)", server)
			}
			p, err := a.defaultDB("stride.db")
			if err != nil {
				return nil, err
			}
			db = p
		}
		svc, err := a.env.Open(ctx, db)
		if err != nil {
			return nil, err
		}
		a.svc = svc
	}
	if a.svc.Auth == nil {
		return nil, stride.Errorf(stride.EINVALID, "this store keeps no accounts: run the command where the server's database is")
	}
	return a.svc, nil
}

// namedUser finds the user with this name. The local user's own name is
// created on first use, as every other command would, so that it can get
// a password before it has logged anything.
func (a *app) namedUser(ctx context.Context, svc *stride.Services, name string) (*stride.User, error) {
	if name == a.userName() {
		return svc.Users.EnsureUser(ctx, name)
	}
	u, err := svc.Users.FindUserByName(ctx, name)
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		return nil, stride.Errorf(stride.ENOTFOUND, "no user named %q: add one with stride user add %s", name, shellQuote(name))
	}
	return u, err
}

// newPasswordHash reads a new password, from stdin with --password-stdin
// or asked twice on the terminal, and returns its argon2id hash. Without
// a terminal and without the flag it refuses rather than wait for input
// that will not come.
func (a *app) newPasswordHash(o passwordOptions) (string, error) {
	in := bufio.NewReader(a.env.Stdin)
	var pw string
	switch {
	case o.stdin:
		line, err := readPasswordLine(in)
		if err != nil {
			return "", err
		}
		pw = line
	case !a.env.StdinTTY:
		return "", usagef("no terminal to ask for the password on: pipe it in with --password-stdin")
	default:
		first, err := a.askPassword(in, fmt.Sprintf("New password for %s: ", strings.TrimSpace(o.name)))
		if err != nil {
			return "", err
		}
		if err := password.Validate(first); err != nil {
			return "", err
		}
		again, err := a.askPassword(in, "The same password again: ")
		if err != nil {
			return "", err
		}
		if first != again {
			return "", usagef("the two passwords differ: nothing was changed, try again")
		}
		pw = first
	}
	return password.Hash(pw)
}

// askPassword prompts on stderr and reads a password without echo from a
// real terminal; from another reader marked as a terminal (the tests'),
// it reads a line.
func (a *app) askPassword(in *bufio.Reader, prompt string) (string, error) {
	fmt.Fprint(a.env.Stderr, prompt)
	if f, ok := a.env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.env.Stderr) // the Enter the terminal did not echo
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return string(b), nil
	}
	return readPasswordLine(in)
}

// readPasswordLine reads one line, without its line ending. Spaces are kept: they
// may be part of a password.
func readPasswordLine(in *bufio.Reader) (string, error) {
	line, err := in.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	if line == "" && errors.Is(err, io.EOF) {
		return "", usagef("no password on standard input: give it as one line")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
