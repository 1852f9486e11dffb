package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/client"
)

// serverConfig is what stride login keeps in $XDG_CONFIG_HOME/stride/config.json.
type serverConfig struct {
	Server string `json:"server"`
	Token  string `json:"token"`
}

// configPath returns $XDG_CONFIG_HOME/stride/config.json, or
// ~/.config/stride/config.json.
func (a *app) configPath() (string, error) {
	if d := a.env.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "stride", "config.json"), nil
	}
	home := a.env.Getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", stride.Errorf(stride.EINTERNAL, "cannot find a home directory for the sign-in file: set XDG_CONFIG_HOME")
		}
		home = h
	}
	return filepath.Join(home, ".config", "stride", "config.json"), nil
}

// readConfig returns the saved sign-in, or nil when there is none.
func (a *app) readConfig() (*serverConfig, string, error) {
	path, err := a.configPath()
	if err != nil {
		return nil, "", err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, path, nil
	} else if err != nil {
		return nil, path, stride.Errorf(stride.EINTERNAL, "cannot read %s: %v", path, err)
	}
	var c serverConfig
	if err := json.Unmarshal(b, &c); err != nil || c.Server == "" || c.Token == "" {
		return nil, path, stride.Errorf(stride.EINVALID, "%s is not a stride sign-in: sign in again with stride login URL, or delete it", path)
	}
	return &c, path, nil
}

// writeConfig saves the sign-in readable by the user alone.
func (a *app) writeConfig(c serverConfig) (string, error) {
	path, err := a.configPath()
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", stride.Errorf(stride.EINTERNAL, "cannot create %s: %v", dir, err)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return "", err
	}
	// A new file renamed into place: never a half-written token, and the
	// mode is 0600 from the start (CreateTemp's), not after a chmod.
	f, err := os.CreateTemp(dir, ".config-*.json")
	if err != nil {
		return "", stride.Errorf(stride.EINTERNAL, "cannot write the sign-in file: %v", err)
	}
	_, werr := f.Write(append(b, '\n'))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(f.Name())
		return "", stride.Errorf(stride.EINTERNAL, "cannot write %s: %v", path, werr)
	}
	return path, nil
}

// serverChoice returns the server and token to use when no database was
// named: STRIDE_SERVER with STRIDE_TOKEN, else the saved sign-in, else
// nothing.
func (a *app) serverChoice() (server, token string, err error) {
	server, token = strings.TrimSpace(a.env.Getenv("STRIDE_SERVER")), strings.TrimSpace(a.env.Getenv("STRIDE_TOKEN"))
	switch {
	case server != "" && token != "":
		u, err := serverURL(server)
		if err != nil {
			return "", "", stride.Errorf(stride.EINVALID, "STRIDE_SERVER: %s", stride.ErrorMessage(err))
		}
		return u, token, nil
	case server != "":
		return "", "", stride.Errorf(stride.EINVALID, "STRIDE_SERVER is set but STRIDE_TOKEN is not: set both (make a token with stride token create, or on the server's tokens page), or sign in with stride login %s", shellQuote(server))
	case token != "":
		return "", "", stride.Errorf(stride.EINVALID, "STRIDE_TOKEN is set but STRIDE_SERVER is not: set both, or unset STRIDE_TOKEN")
	}
	c, _, err := a.readConfig()
	if err != nil || c == nil {
		return "", "", err
	}
	return c.Server, c.Token, nil
}

// openServer connects to a stride server and asks who the token belongs to.
func (a *app) openServer(ctx context.Context, server, token string) (context.Context, *stride.Services, error) {
	svc := client.New(server, token, client.WithUserAgent("stride/"+version()))
	u, err := svc.Users.EnsureUser(ctx, "")
	if err != nil {
		_ = svc.Close()
		if stride.ErrorCode(err) == stride.EUNAUTHORIZED {
			return nil, nil, stride.Errorf(stride.EUNAUTHORIZED, "%s refused the token (%s): sign in again with stride login %s",
				server, strings.TrimSuffix(stride.ErrorMessage(err), "."), shellQuote(server))
		}
		return nil, nil, err
	}
	a.svc, a.user, a.server = svc, u, server
	a.useZone(u)
	a.ctx = stride.NewContextWithUser(ctx, u)
	return a.ctx, svc, nil
}

// serverHost returns the host of the server in use, "" on a local database.
func (a *app) serverHost() string {
	if a.server == "" {
		return ""
	}
	if u, err := url.Parse(a.server); err == nil && u.Host != "" {
		return u.Host
	}
	return a.server
}

type loginOptions struct {
	server        string
	user          string
	passwordStdin bool
}

func (a *app) loginCmd() *cobra.Command {
	var o loginOptions
	cmd := &cobra.Command{
		Use:   "login URL",
		Short: "Sign in to a stride server and use it instead of the local data",
		Long: `Sign in to a stride server (stride serve) with your name and password. The
token the server gives is kept in $XDG_CONFIG_HOME/stride/config.json
(~/.config/stride/config.json), readable by you alone, and every command
then works on the server. --db or STRIDE_DB still picks a local database;
STRIDE_SERVER with STRIDE_TOKEN picks a server without signing in.

URL is the server's address, as the browser opens it. Without a scheme it
means https://, but http:// for this machine (127.0.0.1:8080, localhost),
where stride serve answers without TLS; a trailing /api/v1 is left out.`,
		Example: `  stride login https://stride.example.com
  stride login 127.0.0.1:8080
  echo "$PASSWORD" | stride login https://stride.example.com \
    --user ada --password-stdin`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.server = args[0]
			return a.runLogin(cmd.Context(), o)
		}),
	}
	cmd.Flags().StringVar(&o.user, "user", "", "your `NAME` on the server (asked for when not given)")
	cmd.Flags().BoolVar(&o.passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

// serverURL reads a server's address as stride login and STRIDE_SERVER
// take it, and returns its URL: without a trailing / or /api/v1 (the
// API's own address, which the client adds); without a scheme, http://
// for a loopback host (stride serve listens on 127.0.0.1:8080 by default,
// without TLS) and https:// for any other. It returns EINVALID, showing
// the right form, for anything else.
func serverURL(s string) (string, error) {
	in := strings.TrimSpace(s)
	bad := func(why string) error {
		return stride.Errorf(stride.EINVALID, "%q is not a server URL%s: use one such as https://stride.example.com, or http://127.0.0.1:8080 for a server on this machine", in, why)
	}
	v := in
	if !strings.Contains(v, "://") {
		if v == "" || strings.HasPrefix(v, "/") {
			return "", bad("")
		}
		v = "https://" + v
		if u, err := url.Parse(v); err == nil && loopback(u.Hostname()) {
			v = "http://" + strings.TrimPrefix(v, "https://")
		}
	}
	u, err := url.Parse(v)
	switch {
	case err != nil, u.Host == "", u.Opaque != "":
		return "", bad("")
	case u.Scheme != "https" && u.Scheme != "http":
		return "", bad(fmt.Sprintf(" (%s:// is not http:// or https://)", u.Scheme))
	case u.User != nil:
		return "", bad(" (a name in it: give the name with --user)")
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(v, "?") || strings.HasSuffix(v, "#"):
		return "", bad(" (it has a query or a fragment)")
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	for _, api := range []string{"/api/v1", "/api"} {
		if p, ok := strings.CutSuffix(path, api); ok {
			path = strings.TrimRight(p, "/")
			break
		}
	}
	return u.Scheme + "://" + u.Host + path, nil
}

// loopback says whether host names this machine: localhost, a name
// under .localhost, or a loopback address.
func loopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func (a *app) runLogin(ctx context.Context, o loginOptions) error {
	server, err := serverURL(o.server)
	if err != nil {
		return usageError{err}
	}
	in := bufio.NewReader(a.env.Stdin)
	name := strings.TrimSpace(o.user)
	if name == "" {
		if o.passwordStdin || !a.env.StdinTTY {
			return usagef("give your name on the server with --user NAME: standard input is not a terminal to ask on")
		}
		fmt.Fprintf(a.env.Stderr, "Name on %s: ", server)
		if name, err = readLoginLine(in); err != nil {
			return err
		}
		if name == "" {
			return usagef("no name given: give it with --user NAME")
		}
	}
	var pw string
	switch {
	case o.passwordStdin:
		if pw, err = readLoginLine(in); err != nil {
			return err
		}
	case a.env.StdinTTY:
		fmt.Fprintf(a.env.Stderr, "Password for %s: ", name)
		pw, err = a.readLoginPassword(in)
		fmt.Fprintln(a.env.Stderr)
		if err != nil {
			return err
		}
	default:
		return usagef("standard input is not a terminal to ask for the password on: pipe it with --password-stdin")
	}
	if pw == "" {
		return usagef("no password given")
	}
	host, _ := os.Hostname()
	tokenName := "stride login"
	if host != "" {
		tokenName += " on " + host
	}
	token, u, err := client.Login(ctx, server, name, pw, tokenName, client.WithUserAgent("stride/"+version()))
	if err != nil {
		return err
	}
	old, _, _ := a.readConfig() // a sign-in this one replaces: its token would live on, unseen
	path, err := a.writeConfig(serverConfig{Server: server, Token: token})
	if err != nil {
		return err
	}
	if old != nil && old.Token != token {
		a.revokeSaved(ctx, old)
	}
	fmt.Fprintln(a.env.Stderr, hang("", fmt.Sprintf("Signed in to %s as %s; the token is in %s.", server, u.Name, path)))
	if db := a.dbChoice(); db != "" {
		say(a.env.Stderr, "Note: --db or STRIDE_DB names a local database, which still comes first: unset it to use the server.\n")
	} else if a.env.Getenv("STRIDE_SERVER") != "" {
		fmt.Fprintf(a.env.Stderr, "Note: STRIDE_SERVER still comes first: unset it to use this sign-in.\n")
	}
	return nil
}

// readLoginLine reads one line without its line ending.
func readLoginLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", stride.Errorf(stride.EINTERNAL, "cannot read standard input: %v", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// readLoginPassword reads a password from the terminal without echoing it.
func (a *app) readLoginPassword(in *bufio.Reader) (string, error) {
	if f, ok := a.env.Stdin.(*os.File); ok && in.Buffered() == 0 {
		b, err := term.ReadPassword(int(f.Fd()))
		if err != nil {
			return "", stride.Errorf(stride.EINTERNAL, "cannot read the password: %v", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return readLoginLine(in)
}

func (a *app) logoutCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Sign out of the server and use the local data again",
		Long: `Revoke the token stride login saved, on the server when it can be reached,
and delete the sign-in file: commands use the local database again.`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runLogout(cmd.Context()) }),
	}
}

// revokeSaved revokes the token of a saved sign-in on its server, saying
// so when the server cannot be reached or refuses.
func (a *app) revokeSaved(ctx context.Context, c *serverConfig) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cl := client.NewClient(c.Server, c.Token, client.WithUserAgent("stride/"+version()))
	rerr := cl.RevokeToken(ctx)
	_ = cl.Services().Close()
	switch stride.ErrorCode(rerr) {
	case "", stride.EUNAUTHORIZED: // revoked now, or no longer valid anyway
	default:
		say(a.env.Stderr, "Could not revoke the token on the server (%s): it stays valid until you revoke it on the server's tokens page.\n",
			stride.ErrorMessage(rerr))
	}
}

func (a *app) runLogout(ctx context.Context) error {
	c, path, err := a.readConfig()
	if err != nil && stride.ErrorCode(err) != stride.EINVALID {
		return err
	}
	if c == nil {
		if err == nil {
			fmt.Fprintln(a.env.Stderr, "Not signed in to a server: nothing to do.")
			return nil
		}
		// An unreadable file: delete it all the same.
	} else {
		a.revokeSaved(ctx, c)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return stride.Errorf(stride.EINTERNAL, "cannot delete %s: %v", path, err)
	}
	if c != nil {
		fmt.Fprintf(a.env.Stderr, "Signed out of %s.\n", c.Server)
	} else {
		fmt.Fprintf(a.env.Stderr, "Deleted %s.\n", path)
	}
	return nil
}
