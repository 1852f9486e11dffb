package cli

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
	"github.com/strideapp/stride/sqlite"
)

// store opens the harness's database directly, to check what the account
// commands stored.
func (h *harness) store() *stride.Services {
	h.t.Helper()
	svc, err := sqlite.Open(h.db)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { svc.Close() })
	return svc
}

// checkPassword fails the test unless name's stored hash matches pw.
func (h *harness) checkPassword(name, pw string) {
	h.t.Helper()
	_, hash, err := h.store().Auth.PasswordHash(context.Background(), name)
	if err != nil {
		h.t.Fatal(err)
	}
	if ok, err := password.Verify(pw, hash); !ok || err != nil {
		h.t.Errorf("%s's password is not %q (hash %q, %v)", name, pw, hash, err)
	}
}

func TestUserAdd(t *testing.T) {
	h := newHarness(t)
	h.in = "correct horse\n"
	if out := h.ok("user", "add", "ada", "--password-stdin"); out != "Added ada: they can sign in to the web app (stride serve) with this password.\n" {
		t.Errorf("user add said %q", out)
	}
	h.checkPassword("ada", "correct horse")
	u, err := h.store().Users.FindUserByName(context.Background(), "ada")
	if err != nil || u.WeekStart != time.Monday {
		t.Errorf("ada = %+v, %v; want weeks from Monday", u, err)
	}

	// On a terminal the password is asked twice.
	h.tty, h.in = true, "pass phrase two\npass phrase two\n"
	_, errOut, code := h.run("user", "add", "bo")
	if code != 0 || !strings.Contains(errOut, "New password for bo: ") || !strings.Contains(errOut, "again") {
		t.Errorf("user add on a terminal: exit %d, stderr %q", code, errOut)
	}
	h.checkPassword("bo", "pass phrase two")

	// A duplicate is not the user's typing mistake: exit 1.
	h.tty, h.in = false, "another one\n"
	_, errOut, code = h.run("user", "add", "ada", "--password-stdin")
	if code != ExitError || !strings.Contains(oneLine(errOut), `a user named "ada" already exists: change the password with stride user passwd ada`) {
		t.Errorf("duplicate user: exit %d, %q", code, errOut)
	}
	h.checkPassword("ada", "correct horse")

	// The local user (STRIDE_USER=tester) was not created along the way.
	var rows []map[string]any
	if err := json.Unmarshal([]byte(h.ok("user", "list", "--json")), &rows); err != nil || len(rows) != 2 {
		t.Errorf("user list --json = %v, %v; want ada and bo only", rows, err)
	}
}

func TestUserPasswd(t *testing.T) {
	h := newHarness(t)
	h.in = "first password\n"
	h.ok("user", "add", "ada", "--password-stdin")
	svc := h.store()
	ctx := context.Background()
	ada, _, _ := svc.Auth.PasswordHash(ctx, "ada")
	_, sh := password.NewSessionSecret()
	if err := svc.Auth.CreateSession(ctx, &stride.Session{UserID: ada.ID}, sh); err != nil {
		t.Fatal(err)
	}
	h.in = "second password\n"
	if out := h.ok("user", "passwd", "ada", "--password-stdin"); !strings.Contains(out, "Set the password of ada") {
		t.Errorf("passwd said %q", out)
	}
	h.checkPassword("ada", "second password")
	if _, _, err := svc.Auth.FindSession(ctx, sh, time.Now(), 0, 0); stride.ErrorCode(err) != stride.ENOTFOUND {
		t.Errorf("a session outlived the password change: %v", err)
	}
	// The local user gets a password even before it has logged anything.
	h.in = "local password\n"
	h.ok("user", "passwd", "tester", "--password-stdin")
	h.checkPassword("tester", "local password")
}

func TestUserList(t *testing.T) {
	h := newHarness(t)
	if out, errOut, code := h.run("user", "list"); code != 0 || out != "" || !strings.Contains(errOut, "stride user add NAME") {
		t.Errorf("empty list: exit %d, %q, %q", code, out, errOut)
	}
	if out := h.ok("user", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("empty list --json = %q, want []", out)
	}
	h.in = "a fine password\n"
	h.ok("user", "add", "ada", "--password-stdin")
	h.ok("token", "create", "--user", "ada")
	h.ok("goal", "add", "walk", "--target", "daily") // makes the local user, without a password
	svc := h.store()
	ctx := context.Background()
	ada, _, _ := svc.Auth.PasswordHash(ctx, "ada")
	_, sh := password.NewSessionSecret()
	_, th, _ := password.NewToken()
	if err := errors.Join(
		svc.Auth.CreateSession(ctx, &stride.Session{UserID: ada.ID}, sh),
		svc.Auth.CreateToken(ctx, &stride.Token{UserID: ada.ID, Name: "old", Scope: stride.ScopeRead,
			CreatedAt: now.Add(-48 * time.Hour), ExpiresAt: timePtr(now.Add(-24 * time.Hour))}, th),
	); err != nil {
		t.Fatal(err)
	}

	out := h.ok("user", "list")
	checkWidth(t, "user list", out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || strings.Join(strings.Fields(lines[0]), " ") != "NAME CREATED PASSWORD SESSIONS TOKENS" {
		t.Fatalf("user list:\n%s", out)
	}
	// CREATED comes from the store's real clock: only its form is checked
	for i, want := range []string{"ada yes 1 1", "tester no 0 0"} {
		f := strings.Fields(lines[i+1])
		if len(f) != 5 || strings.Join(append([]string{f[0]}, f[2:]...), " ") != want || len(f[1]) != len("2006-01-02") {
			t.Errorf("row %d = %q, want %q with a date (the expired token not counted)", i+1, lines[i+1], want)
		}
	}
	var rows []struct {
		Name     string `json:"name"`
		Password bool   `json:"password"`
		Sessions int    `json:"sessions"`
		Tokens   int    `json:"tokens"`
	}
	if err := json.Unmarshal([]byte(h.ok("user", "list", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name != "ada" || !rows[0].Password || rows[0].Sessions != 1 || rows[0].Tokens != 1 ||
		rows[1].Name != "tester" || rows[1].Password {
		t.Errorf("user list --json = %+v", rows)
	}
}

func TestTokenCreate(t *testing.T) {
	h := newHarness(t)
	h.in = "a fine password\n"
	h.ok("user", "add", "ada", "--password-stdin")
	svc := h.store()
	ctx := context.Background()
	for _, c := range []struct {
		args    []string
		scope   stride.TokenScope
		name    string
		expires *time.Time
	}{
		{nil, stride.ScopeReadWrite, "token", timePtr(now.AddDate(0, 0, 90))},
		{[]string{"--read-only", "--expires", "never", "--name", "backup"}, stride.ScopeRead, "backup", nil},
		{[]string{"--expires", "30d"}, stride.ScopeReadWrite, "token", timePtr(now.AddDate(0, 0, 30))},
	} {
		out, errOut, code := h.run(append([]string{"token", "create", "--user", "ada"}, c.args...)...)
		if code != 0 {
			t.Fatalf("token create %v: exit %d, %s", c.args, code, errOut)
		}
		secret := strings.TrimSuffix(out, "\n")
		if strings.Contains(secret, "\n") || !strings.HasPrefix(secret, "stride_") || len(secret) != 33 {
			t.Errorf("token create %v printed %q, want the token alone", c.args, out)
		}
		if !strings.Contains(oneLine(errOut), "shown only this once") || strings.Contains(errOut, secret) {
			t.Errorf("token create %v: stderr %q", c.args, errOut)
		}
		tok, u, err := svc.Auth.FindToken(ctx, password.TokenHash(secret), now)
		if err != nil {
			t.Fatalf("the printed token is not stored: %v", err)
		}
		if u.Name != "ada" || tok.Scope != c.scope || tok.Name != c.name || tok.Last4 != secret[len(secret)-4:] ||
			(c.expires == nil) != (tok.ExpiresAt == nil) || (c.expires != nil && !tok.ExpiresAt.Equal(*c.expires)) {
			t.Errorf("token create %v stored %+v for %s", c.args, tok, u.Name)
		}
	}
}

// TestAccountUsage checks the account commands' bad input: exit 2, a
// message saying what to do, nothing written.
func TestAccountUsage(t *testing.T) {
	h := newHarness(t)
	h.in = "a fine password\n"
	h.ok("user", "add", "ada", "--password-stdin")
	before := h.ok("user", "list", "--json")
	for _, c := range []struct {
		args []string
		in   string
		tty  bool
		want string
	}{
		{[]string{"user", "add", "bo"}, "", false, "no terminal to ask for the password on: pipe it in with --password-stdin"},
		{[]string{"user", "add", "bo", "--password-stdin"}, "short\n", false, "too short (5 bytes): use 8 to 1024 bytes"},
		{[]string{"user", "add", "bo", "--password-stdin"}, "", false, "no password on standard input"},
		{[]string{"user", "add", "bo", "--password-stdin"}, strings.Repeat("x", 2000), false, "too long"},
		{[]string{"user", "add", "bo"}, "abcdefgh\nabcdefgX\n", true, "the two passwords differ"},
		{[]string{"user", "add", "bo"}, "short\n", true, "too short"},
		{[]string{"user", "add", " ", "--password-stdin"}, "long enough\n", false, "needs a name"},
		{[]string{"user", "add"}, "", false, "none was given"},
		{[]string{"user", "passwd", "cy", "--password-stdin"}, "long enough\n", false, `no user named "cy": add one with stride user add cy`},
		{[]string{"user", "passwd", "ada"}, "", false, "--password-stdin"},
		{[]string{"token", "create"}, "", false, `required flag(s) "user" not set`},
		{[]string{"token", "create", "--user", "cy"}, "", false, `no user named "cy"`},
		{[]string{"token", "create", "--user", "ada", "--expires", "3 weeks"}, "", false, `--expires "3 weeks" is not understood: give days, such as 90d, or never`},
		{[]string{"token", "create", "--user", "ada", "--expires", "0d"}, "", false, "is not understood"},
		{[]string{"token", "create", "--user", "ada", "--name", " "}, "", false, "a token needs a name"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			h.in, h.tty = c.in, c.tty
			out, errOut, code := h.run(c.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", code, ExitUsage, out, errOut)
			}
			if !strings.Contains(errOut, "stride: ") || !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q, want it to hold %q", errOut, c.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
	h.in, h.tty = "", false
	if after := h.ok("user", "list", "--json"); after != before {
		t.Errorf("bad input changed the accounts:\n%s\nwas\n%s", after, before)
	}
	if toks, _ := h.store().Auth.FindTokens(context.Background(), 1); len(toks) != 0 {
		t.Errorf("bad input made %d tokens", len(toks))
	}
}

func TestAccountHelpWidth(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"user", "--help"}, {"user", "add", "--help"}, {"user", "passwd", "--help"},
		{"user", "list", "--help"}, {"token", "--help"}, {"token", "create", "--help"}} {
		checkWidth(t, strings.Join(args, " "), h.ok(args...))
	}
}

func timePtr(t time.Time) *time.Time { return &t }
