package cli

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	strhttp "github.com/strideapp/stride/http"
	"github.com/strideapp/stride/password"
	"github.com/strideapp/stride/sqlite"
)

// server runs the real stride server over a fresh SQLite database, with
// the user "tester" and the password "correct horse battery".
type server struct {
	url   string
	store *stride.Services
	user  *stride.User
}

func newServer(t *testing.T) *server {
	t.Helper()
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	srv := httptest.NewServer(strhttp.NewServer(strhttp.Deps{Services: store, Now: func() time.Time { return now }}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	u, err := store.Users.EnsureUser(ctx, "tester")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := password.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Auth.SetPasswordHash(ctx, u.ID, hash); err != nil {
		t.Fatal(err)
	}
	return &server{url: srv.URL, store: store, user: u}
}

// token makes an API token for the server's user.
func (s *server) token(t *testing.T) string {
	t.Helper()
	secret, hash, last4 := password.NewToken()
	tok := &stride.Token{UserID: s.user.ID, Name: "test", Scope: stride.ScopeReadWrite, Last4: last4}
	if err := s.store.Auth.CreateToken(context.Background(), tok, hash); err != nil {
		t.Fatal(err)
	}
	return secret
}

// remoteHarness runs stride against s through STRIDE_SERVER and
// STRIDE_TOKEN, with no database named.
func remoteHarness(t *testing.T, s *server) *harness {
	h := newHarness(t)
	h.db = ""
	h.vars["STRIDE_SERVER"] = s.url
	h.vars["STRIDE_TOKEN"] = s.token(t)
	return h
}

var requestIDRE = regexp.MustCompile(`\n\s*"request_id": "cli-[0-9a-f]+",?`)

// sameAsLocal blanks what differs by transport alone: the server named on
// the board, timestamps, and the request ids the client adds to steps.
func sameAsLocal(s, url string) string {
	s = strings.ReplaceAll(s, " · on "+strings.TrimPrefix(url, "http://"), "")
	s = requestIDRE.ReplaceAllString(s, "")
	return unstamp(s)
}

// TestRemoteMatchesLocal runs the same commands on a local database and
// through a server: every output must be the same.
func TestRemoteMatchesLocal(t *testing.T) {
	s := newServer(t)
	local, remote := newHarness(t), remoteHarness(t, s)
	local.seed()
	remote.seed()
	for _, args := range [][]string{
		{},
		{"status", "--json"},
		{"show", "walk"},
		{"show", "read", "--json"},
		{"why", "walk"},
		{"why", "coffee"},
		{"why", "read"},
		{"steps"},
		{"steps", "walk", "--since", "-7d", "--json"},
		{"goal", "list", "--all"},
		{"log", "walk", "25", "by", "the", "river", "--time", "07:30", "--energy", "4"},
		{"log", "read", "5", "--date", "yesterday", "--json"},
		{"log", "walk", "10", "--request-id", "tap-1"},
		{"log", "walk", "10", "--request-id", "tap-1"},
		{"log", "swim", "10"},
		{"log", "walk", "ten"},
		{"skip", "meditate", "--date", "2026-11-11"},
		{"unskip", "walk", "--date", "2026-11-14"},
		{"unskip", "walk", "--date", "2026-11-14"},
		{"step", "edit", "1", "--amount", "1h", "--note", "long one", "--time", "07:00"},
		{"step", "delete", "2"},
		{"step", "delete", "2"},
		{"undo"},
		{"goal", "edit", "read", "--name", "reading", "--why", "joy", "--target", "80 pages/week", "--from", "2026-11-16"},
		{"goal", "add", "reading", "--target", "1 time/day"},
		{"goal", "add", "stretch", "--target", "3 times/week", "--parent", "walk", "--milestone", "10"},
		{}, {"show", "walk"}, {"show", "stretch", "--json"}, {"goal", "list"}, {"status", "--json"},
		{"goal", "pause", "reading", "--until", "2026-12-01"},
		{"goal", "resume", "reading"},
		{"goal", "done", "meditate"},
		{"goal", "archive", "coffee"},
		{"goal", "delete", "stretch", "--yes"},
		{"goal", "list", "--all", "--json"},
		{},
		{"show", "reading"},
		{"why", "walk"},
		{"steps", "--json"},
	} {
		lout, lerr, lcode := local.run(args...)
		rout, rerr, rcode := remote.run(args...)
		if lcode != rcode || sameAsLocal(rout, s.url) != unstamp(lout) || rerr != lerr {
			t.Errorf("stride %s differs through the server:\nlocal (exit %d):\n%s%s\nremote (exit %d):\n%s%s",
				strings.Join(args, " "), lcode, lout, lerr, rcode, rout, rerr)
		}
	}
	if out := remote.ok(); !strings.Contains(strings.SplitN(out, "\n", 2)[0], " · on "+strings.TrimPrefix(s.url, "http://")) {
		t.Errorf("the board's header does not name the server:\n%s", out)
	}
	// The local database is untouched: everything went to the server.
	if _, err := os.Stat(filepath.Join(remote.vars["XDG_DATA_HOME"], "stride", "stride.db")); !os.IsNotExist(err) {
		t.Errorf("a local database was made while working on a server: %v", err)
	}
}

func TestLoginLogout(t *testing.T) {
	s := newServer(t)
	h := newHarness(t)
	h.db = ""
	config := filepath.Join(h.vars["HOME"], "config")
	h.vars["XDG_CONFIG_HOME"] = config

	h.in = "wrong\n"
	if _, errOut, code := h.run("login", s.url, "--user", "tester", "--password-stdin"); code != ExitError ||
		!strings.Contains(errOut, "the name or the password is not right") {
		t.Errorf("login with a wrong password: exit %d, %q", code, errOut)
	}
	if _, errOut, code := h.run("login", s.url); code != ExitUsage || !strings.Contains(errOut, "--user NAME") {
		t.Errorf("login without a terminal or --user: exit %d, %q", code, errOut)
	}
	if _, errOut, code := h.run("login", "ftp://example.com", "--user", "tester"); code != ExitUsage || !strings.Contains(errOut, "not a server URL") {
		t.Errorf("login to an ftp URL: exit %d, %q", code, errOut)
	}

	h.in = "correct horse battery\n"
	_, errOut, code := h.run("login", s.url+"/", "--user", "tester", "--password-stdin")
	if code != 0 || !strings.Contains(errOut, "Signed in to "+s.url+" as tester") {
		t.Fatalf("login: exit %d, %q", code, errOut)
	}
	h.in = ""
	path := filepath.Join(config, "stride", "config.json")
	for p, mode := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700 | os.ModeDir} {
		if fi, err := os.Stat(p); err != nil || fi.Mode() != mode {
			t.Errorf("%s: %v, %v; want mode %v", p, fi.Mode(), err, mode)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var saved serverConfig
	if err := json.Unmarshal(b, &saved); err != nil || saved.Server != s.url || saved.Token == "" {
		t.Fatalf("saved sign-in: %s (%v)", b, err)
	}
	// signing in again revokes the token the new one replaces
	h.in = "correct horse battery\n"
	if _, errOut, code := h.run("login", s.url, "--user", "tester", "--password-stdin"); code != 0 {
		t.Fatalf("login again: exit %d, %q", code, errOut)
	}
	h.in = ""
	if tokens, err := s.store.Auth.FindTokens(context.Background(), s.user.ID); err != nil || len(tokens) != 1 {
		t.Errorf("tokens after signing in twice: %d, %v; want the new one only", len(tokens), err)
	}

	h.ok("goal", "add", "walk", "--target", "30 min/day", "--start", "2026-11-01")
	h.ok("log", "walk", "20")
	if out := h.ok(); !strings.Contains(out, "walk") || !strings.Contains(out, "· on "+strings.TrimPrefix(s.url, "http://")) {
		t.Errorf("the board through the saved sign-in:\n%s", out)
	}
	if g, err := s.store.Goals.FindGoalByName(stride.NewContextWithUser(context.Background(), s.user), "walk"); err != nil || g.Total != 20 {
		t.Errorf("the server's goal: %+v, %v", g, err)
	}
	// --db still picks a local database, and the demo stays local.
	if out := h.ok("--db", filepath.Join(h.vars["HOME"], "local.db"), "goal", "list"); strings.Contains(out, "walk") {
		t.Errorf("--db listed the server's goals:\n%s", out)
	}
	if _, errOut, code := h.run("demo"); code != ExitUsage || !strings.Contains(errOut, "stride demo fills a local database") {
		t.Errorf("demo on a server: exit %d, %q", code, errOut)
	}

	_, errOut, code = h.run("logout")
	if code != 0 || !strings.Contains(errOut, "Signed out of "+s.url) {
		t.Errorf("logout: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the sign-in file is still there: %v", err)
	}
	tokens, err := s.store.Auth.FindTokens(context.Background(), s.user.ID)
	if err != nil || len(tokens) != 0 {
		t.Errorf("tokens left on the server after logout: %v, %v", tokens, err)
	}
	if _, errOut, _ := h.run("logout"); !strings.Contains(errOut, "Not signed in") {
		t.Errorf("a second logout: %q", errOut)
	}
	// Back to the local default database.
	if _, errOut, code := h.run(); code != 0 || !strings.Contains(errOut, "No active goals yet") {
		t.Errorf("the board after logout: exit %d, %q", code, errOut)
	}
}

func TestServerChoice(t *testing.T) {
	s := newServer(t)
	h := remoteHarness(t, s)
	h.vars["STRIDE_TOKEN"] = "revoked-or-unknown"
	if _, errOut, code := h.run(); code != ExitError || !strings.Contains(oneLine(errOut), "refused the token") ||
		!strings.Contains(oneLine(errOut), "stride login "+s.url) {
		t.Errorf("a bad token: exit %d, %q", code, errOut)
	}
	delete(h.vars, "STRIDE_TOKEN")
	if _, errOut, code := h.run(); code != ExitUsage || !strings.Contains(errOut, "STRIDE_TOKEN is not") {
		t.Errorf("STRIDE_SERVER alone: exit %d, %q", code, errOut)
	}
	h.vars["STRIDE_TOKEN"] = s.token(t)
	// accounts live where the server is: no local account is made
	for _, args := range [][]string{{"user", "list"}, {"token", "create", "--user", "ada"}} {
		if _, errOut, code := h.run(args...); code != ExitUsage || !strings.Contains(oneLine(errOut), "accounts and tokens live in its own database") {
			t.Errorf("%v signed in to a server: exit %d, %q", args, code, errOut)
		}
	}
	h.vars["STRIDE_SERVER"] = "http://127.0.0.1:1"
	if _, errOut, code := h.run(); code != ExitError || !strings.Contains(errOut, "cannot reach http://127.0.0.1:1") {
		t.Errorf("a server that is down: exit %d, %q", code, errOut)
	}
}

// TestReadOnlyToken: through a read-only token the CLI reads, previews
// an import, and is told in words how to make changes.
func TestReadOnlyToken(t *testing.T) {
	s := newServer(t)
	rw := remoteHarness(t, s)
	rw.ok("goal", "add", "walk", "--target", "30 min/day", "--start", "2026-11-01")
	local := newHarness(t)
	local.seed()
	backup := filepath.Join(t.TempDir(), "backup.json")
	local.ok("export", "json", "--out", backup)

	secret, hash, last4 := password.NewToken()
	if err := s.store.Auth.CreateToken(context.Background(), &stride.Token{UserID: s.user.ID, Name: "ro", Scope: stride.ScopeRead, Last4: last4}, hash); err != nil {
		t.Fatal(err)
	}
	h := remoteHarness(t, s)
	h.vars["STRIDE_TOKEN"] = secret
	if out := h.ok("goal", "list"); !strings.Contains(out, "walk") {
		t.Errorf("reading with a read-only token:\n%s", out)
	}
	_, errOut, code := h.run("log", "walk", "20")
	if code != ExitError || !strings.Contains(oneLine(errOut), "this token is read-only, so it cannot make changes: to make them, use a read-write token, made on the tokens page ("+s.url+"/tokens) or with stride token create") ||
		strings.Contains(errOut, "read_write") {
		t.Errorf("a step with a read-only token: exit %d, %q", code, errOut)
	}
	checkLines(t, []string{"log", "walk", "20"}, errOut, "")
	if out := h.ok("import", "json", backup, "--dry-run"); !strings.Contains(out, "Dry run of "+backup+": nothing was written.") {
		t.Errorf("a dry run with a read-only token:\n%s", out)
	}
	if _, errOut, code := h.run("import", "json", backup); code != ExitError || !strings.Contains(oneLine(errOut), "so it may preview an import") {
		t.Errorf("an import with a read-only token: exit %d, %q", code, errOut)
	}
	if out := rw.ok("goal", "list", "--all"); strings.Contains(out, "read") || strings.Contains(out, "meditate") {
		t.Errorf("a read-only token imported:\n%s", out)
	}
	if steps := rw.ok("steps", "--json"); strings.TrimSpace(steps) != "[]" {
		t.Errorf("a read-only token logged:\n%s", steps)
	}
}

func TestServerURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://stride.example.com", "https://stride.example.com"},
		{"  https://stride.example.com/ ", "https://stride.example.com"},
		{"stride.example.com", "https://stride.example.com"},
		{"stride.example.com:8443/", "https://stride.example.com:8443"},
		{"192.168.1.20:8080", "https://192.168.1.20:8080"}, // another machine: https unless said
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"localhost:8080", "http://localhost:8080"},
		{"LOCALHOST", "http://LOCALHOST"},
		{"stride.localhost:8080", "http://stride.localhost:8080"},
		{"[::1]:8080", "http://[::1]:8080"},
		{"127.0.0.1:8080/api/v1", "http://127.0.0.1:8080"},
		{"https://stride.example.com/api/v1", "https://stride.example.com"},
		{"https://stride.example.com/api/v1/", "https://stride.example.com"},
		{"https://stride.example.com/api", "https://stride.example.com"},
		{"https://example.com/stride/api/v1", "https://example.com/stride"},
		{"HTTP://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"https://localhost:8443", "https://localhost:8443"}, // a scheme given is kept
	} {
		got, err := serverURL(c.in)
		if err != nil || got != c.want {
			t.Errorf("serverURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, says string }{
		{"", `"" is not a server URL: use one such as https://stride.example.com, or http://127.0.0.1:8080 for a server on this machine`},
		{"ftp://example.com", `"ftp://example.com" is not a server URL (ftp:// is not http:// or https://)`},
		{"https://ada:pw@example.com", "a name in it: give the name with --user"},
		{"https://example.com/?x=1", "it has a query or a fragment"},
		{"/api/v1", "is not a server URL"},
		{"https://", "is not a server URL"},
	} {
		if _, err := serverURL(c.in); stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(stride.ErrorMessage(err), c.says) {
			t.Errorf("serverURL(%q): %v, want %q", c.in, err, c.says)
		}
	}
}

// TestLoginAddress: stride login and STRIDE_SERVER take the address as
// users write it: a local server without a scheme is http://, and the
// API's own address /api/v1 is the server's.
func TestLoginAddress(t *testing.T) {
	s := newServer(t)
	hostPort := strings.TrimPrefix(s.url, "http://") // 127.0.0.1:PORT
	remoteHarness(t, s).ok("goal", "add", "walk", "--target", "30 min/day")
	for _, given := range []string{hostPort, s.url + "/api/v1", hostPort + "/api/v1/"} {
		h := newHarness(t)
		h.db = ""
		h.vars["XDG_CONFIG_HOME"] = filepath.Join(h.vars["HOME"], "config")
		h.in = "correct horse battery\n"
		if _, errOut, code := h.run("login", given, "--user", "tester", "--password-stdin"); code != 0 ||
			!strings.Contains(errOut, "Signed in to "+s.url+" as tester") {
			t.Errorf("stride login %s: exit %d, %q", given, code, errOut)
		}
		h.in = ""
		if out := h.ok(); !strings.Contains(out, "· on "+hostPort) {
			t.Errorf("the board after stride login %s:\n%s", given, out)
		}
	}
	h := remoteHarness(t, s)
	for _, given := range []string{hostPort, s.url + "/api/v1/"} {
		h.vars["STRIDE_SERVER"] = given
		if out := h.ok("goal", "list"); !strings.Contains(out, "walk") {
			t.Errorf("STRIDE_SERVER=%s:\n%s", given, out)
		}
	}
	h.vars["STRIDE_SERVER"] = "ftp://" + hostPort
	if _, errOut, code := h.run("goal", "list"); code != ExitUsage || !strings.Contains(oneLine(errOut), "STRIDE_SERVER: \"ftp://"+hostPort+"\" is not a server URL (ftp:// is not http:// or https://): use one such as https://stride.example.com") {
		t.Errorf("STRIDE_SERVER=ftp://...: exit %d, %q", code, errOut)
	}
	// https to the plain http of stride serve says which URL to use
	h.vars["STRIDE_SERVER"] = "https://" + hostPort
	if _, errOut, code := h.run("goal", "list"); code != ExitError || !strings.Contains(oneLine(errOut), "answers in plain http, not https. If that is how it is served (on this machine or your own network), use "+s.url) {
		t.Errorf("https to a plain http server: exit %d, %q", code, errOut)
	}
}
