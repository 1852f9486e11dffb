package http

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// userCount returns how many accounts the store holds.
func (e *testEnv) userCount() int {
	e.t.Helper()
	users, err := e.svc.Users.FindUsers(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return len(users)
}

// setRegistration stores the server's registration mode.
func (e *testEnv) setRegistration(mode stride.RegistrationMode) {
	e.t.Helper()
	if err := SetRegistration(context.Background(), e.svc.Auth, mode); err != nil {
		e.t.Fatal(err)
	}
}

func signUp(name, pw, again string) url.Values {
	return url.Values{"name": {name}, "password": {pw}, "password_again": {again}}
}

func TestRegisterOpen(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		// The stored setting wins over the configured default.
		e := newTestEnv(t, svc, Config{Registration: stride.RegistrationClosed})
		e.user("ann")
		e.setRegistration(stride.RegistrationOpen)
		e.page(nil, "GET", "/login", nil, 200, `href="/register"`)
		e.page(nil, "GET", "/register", nil, 200, "Create an account", `for="password_again"`)

		// What to fix comes back beside the field, and nothing is made.
		e.page(nil, "POST", "/register", signUp("cleo", "short", "short"), 422, "too short (5 characters): use 8 characters or more", `id="password-err"`, `value="cleo"`)
		e.page(nil, "POST", "/register", signUp("cleo", testPassword, "something else"), 422, "differ", `id="password_again-err"`)
		e.page(nil, "POST", "/register", signUp("  ", testPassword, testPassword), 422, "Choose a name")
		e.page(nil, "POST", "/register", signUp(strings.Repeat("n", 101), testPassword, testPassword), 422, "at most 100")
		w := e.page(nil, "POST", "/register", signUp("ann", testPassword, testPassword), 409, "That name is taken")
		if strings.Contains(w.Body.String(), "created") || len(w.Result().Cookies()) > 0 {
			t.Errorf("a taken name says more than that: %s", w.Body)
		}
		if n := e.userCount(); n != 1 {
			t.Fatalf("%d users after refused sign-ups, want 1", n)
		}

		w = e.page(nil, "POST", "/register", signUp(" cleo ", testPassword, testPassword), 303)
		if loc := w.Header().Get("Location"); loc != "/" {
			t.Errorf("redirect to %q", loc)
		}
		c := sessionFromResponse(t, w)
		if flash := e.follow(c, w); !strings.Contains(flash, "Welcome, cleo") || !strings.Contains(flash, "smallest step") {
			t.Errorf("flash %q", flash)
		}
		e.page(c, "GET", "/", nil, 200, "Create your first goal", "(cleo)")
		u, err := svc.Users.FindUserByName(context.Background(), "cleo")
		if err != nil || u.WeekStart != time.Monday {
			t.Fatalf("cleo %+v, %v", u, err)
		}
		// The password signs in, as any account's.
		e.page(nil, "POST", "/login", url.Values{"name": {"cleo"}, "password": {testPassword}}, 303)
		// Signed in, the sign-up page sends you to your board.
		e.page(c, "GET", "/register", nil, 303)
	})
}

func TestRegisterThrottled(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{Registration: stride.RegistrationOpen, LoginFailuresPerIP: 3})
	for range 3 {
		e.page(nil, "POST", "/register", signUp("dot", "short", "short"), 422)
	}
	w := e.page(nil, "POST", "/register", signUp("dot", testPassword, testPassword), 429, "Wait 15 minutes")
	if w.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if n := e.userCount(); n != 0 {
		t.Fatalf("%d users, want none", n)
	}
	e.advance(16 * time.Minute)
	e.page(nil, "POST", "/register", signUp("dot", testPassword, testPassword), 303)
}

func TestRegisterClosed(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{}) // closed by default
		ann := e.user("ann")
		w := e.page(nil, "GET", "/login", nil, 200)
		if strings.Contains(w.Body.String(), `href="/register"`) {
			t.Error("the sign-in page offers sign-up on a closed server")
		}
		e.page(nil, "GET", "/register", nil, 403, "not taking new accounts", "ask the person who runs it")
		e.page(nil, "POST", "/register", signUp("cleo", testPassword, testPassword), 403, "not taking new accounts")
		e.page(e.session(ann), "GET", "/settings", nil, 200, "not taking new accounts")
		e.page(e.session(ann), "POST", "/settings/invites", nil, 403, "an invite would not work")

		e.setRegistration(stride.RegistrationInvite)
		e.page(nil, "GET", "/register", nil, 403, "invite-only", "settings page")
		e.page(nil, "POST", "/register", signUp("cleo", testPassword, testPassword), 403, "invite-only")
		if n := e.userCount(); n != 1 {
			t.Fatalf("%d users, want 1", n)
		}
	})
}

// newInvite makes an invite on ann's settings page and returns its path.
func (e *testEnv) newInvite(c *http.Cookie) string {
	e.t.Helper()
	w := e.page(c, "POST", "/settings/invites", nil, 200, "shown only this once", `id="invite-url"`)
	body := w.Body.String()
	i := strings.Index(body, `id="invite-url">`) + len(`id="invite-url">`)
	link := body[i : i+strings.Index(body[i:], "<")]
	path, ok := strings.CutPrefix(link, "http://stride.test")
	if !ok || !strings.HasPrefix(path, "/invite/") {
		e.t.Fatalf("invite link %q", link)
	}
	return path
}

func TestInvite(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{Registration: stride.RegistrationInvite})
		ann := e.user("ann")
		c := e.session(ann)
		e.page(c, "GET", "/settings", nil, 200, "Make an invite link", "need an invite")
		path := e.newInvite(c)
		token := strings.TrimPrefix(path, "/invite/")
		// Only a hash is kept, and the settings page does not show it again.
		if v, err := svc.Auth.Setting(context.Background(), invitePrefix+token); err != nil || v != "" {
			t.Fatalf("the token itself is a key: %q, %v", v, err)
		}
		if w := e.page(c, "GET", "/settings", nil, 200); strings.Contains(w.Body.String(), token) {
			t.Fatal("the settings page shows the invite again")
		}

		e.page(nil, "GET", path, nil, 200, "invited you", `action="`+path+`"`)
		e.page(nil, "POST", path, signUp("dan", "short", "short"), 422, "too short")
		e.page(nil, "POST", path, signUp("dan", testPassword, "other one"), 422, "differ")
		e.page(nil, "POST", path, signUp("ann", testPassword, testPassword), 409, "taken")
		if n := e.userCount(); n != 1 {
			t.Fatalf("%d users after refused sign-ups, want 1", n)
		}
		w := e.page(nil, "POST", path, signUp("dan", testPassword, testPassword), 303)
		dc := sessionFromResponse(t, w)
		if flash := e.follow(dc, w); !strings.Contains(flash, "Welcome, dan") {
			t.Errorf("flash %q", flash)
		}
		// Spent: once only.
		e.page(nil, "GET", path, nil, 404, "already been used")
		e.page(nil, "POST", path, signUp("eve", testPassword, testPassword), 404, "already been used")
		if n := e.userCount(); n != 2 {
			t.Fatalf("%d users, want 2", n)
		}

		// Seven days, then it is gone.
		late := e.newInvite(c)
		e.advance(7*24*time.Hour + time.Minute)
		c = e.session(ann)
		e.page(nil, "GET", late, nil, 404, "expired")
		e.page(nil, "POST", late, signUp("eve", testPassword, testPassword), 404, "expired")

		// Eight people with one link at once: one account.
		shared := e.newInvite(c)
		var wg sync.WaitGroup
		codes := make([]int, 8)
		for i := range codes {
			wg.Go(func() {
				codes[i] = e.do(req{method: "POST", path: shared, body: signUp("racer"+string(rune('a'+i)), testPassword, testPassword)}).Code
			})
		}
		wg.Wait()
		won := 0
		for _, code := range codes {
			switch code {
			case http.StatusSeeOther:
				won++
			case http.StatusNotFound:
			default:
				t.Errorf("a racer got %d", code)
			}
		}
		if n := e.userCount(); won != 1 || n != 3 {
			t.Fatalf("%d racers won, %d users; want 1 and 3 (codes %v)", won, n, codes)
		}

		// Closed again: a fresh link does not work either.
		fresh := e.newInvite(c)
		e.setRegistration(stride.RegistrationClosed)
		e.page(nil, "GET", fresh, nil, 403, "not taking new accounts")
		e.page(nil, "POST", fresh, signUp("fay", testPassword, testPassword), 403)
		if n := e.userCount(); n != 3 {
			t.Fatalf("%d users, want 3", n)
		}
	})
}

func TestRegistrationSetting(t *testing.T) {
	ctx := context.Background()
	auth := storetest.OpenSQLite(t).Auth
	if m, err := Registration(ctx, auth, stride.RegistrationClosed); err != nil || m != stride.RegistrationClosed {
		t.Fatalf("unset: %q, %v", m, err)
	}
	if err := SetRegistration(ctx, auth, "everyone"); stride.ErrorCode(err) != stride.EINVALID {
		t.Fatalf("bad mode: %v", err)
	}
	if err := SetRegistration(ctx, auth, stride.RegistrationOpen); err != nil {
		t.Fatal(err)
	}
	if m, err := Registration(ctx, auth, stride.RegistrationClosed); err != nil || m != stride.RegistrationOpen {
		t.Fatalf("stored: %q, %v", m, err)
	}
	if err := auth.SetSetting(ctx, registrationSetting, "sometimes"); err != nil {
		t.Fatal(err)
	}
	if m, err := Registration(ctx, auth, stride.RegistrationOpen); err != nil || m != stride.RegistrationClosed {
		t.Fatalf("unknown stored value reads %q, %v; want closed", m, err)
	}
}

// TestInviteRevoke lists the working invites on the settings page and
// revokes one: its link stops working, the other keeps working, and
// another user can neither see nor revoke it.
func TestInviteRevoke(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{Registration: stride.RegistrationInvite})
		ann, bob := e.user("ann"), e.user("bob")
		c, bc := e.session(ann), e.session(bob)
		first, second := e.newInvite(c), e.newInvite(c)
		invites, err := ListInvites(context.Background(), svc.Auth, ann.ID, e.clock())
		if err != nil || len(invites) != 2 {
			t.Fatalf("ListInvites = %+v, %v", invites, err)
		}
		id := setupHash(strings.TrimPrefix(first, "/invite/"))
		page := e.page(c, "GET", "/settings", nil, 200, "Your links that still work", "/settings/invites/"+id+"/revoke").Body.String()
		if strings.Contains(page, strings.TrimPrefix(first, "/invite/")) {
			t.Fatal("the settings page shows an invite's token")
		}
		if strings.Contains(e.page(bc, "GET", "/settings", nil, 200).Body.String(), id) {
			t.Fatal("bob's settings list ann's invite")
		}
		e.page(bc, "POST", "/settings/invites/"+id+"/revoke", nil, 404)
		e.page(nil, "GET", first, nil, 200, "invited you")

		w := e.page(c, "POST", "/settings/invites/"+id+"/revoke", nil, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "no longer works") {
			t.Errorf("flash %q", flash)
		}
		e.page(nil, "GET", first, nil, 404, "already been used")
		e.page(c, "POST", "/settings/invites/"+id+"/revoke", nil, 404)
		e.page(c, "POST", "/settings/invites/abc/revoke", nil, 400, "at least its first 8 characters")
		if strings.Contains(e.page(c, "GET", "/settings", nil, 200).Body.String(), id) {
			t.Fatal("a revoked invite is still listed")
		}
		e.page(nil, "GET", second, nil, 200, "invited you")
	})
}
