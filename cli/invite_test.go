package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	strhttp "github.com/strideapp/stride/http"
)

func TestInviteCreate(t *testing.T) {
	h := newHarness(t)
	h.in = "a fine password\n"
	h.ok("user", "add", "ada", "--password-stdin")

	out, errOut, code := h.run("invite", "create", "--user", "ada", "--base-url", "https://stride.example/")
	m := regexp.MustCompile(`^https://stride\.example/invite/([A-Z2-7]{26})\n$`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("invite create: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "An invite from ada") || !strings.Contains(errOut, "Registration is closed") {
		t.Errorf("stderr %q", errOut)
	}
	// Only the hash is stored, with ada as the one who invited.
	sum := sha256.Sum256([]byte(m[1]))
	ctx := context.Background()
	svc := h.store()
	v, err := svc.Auth.Setting(ctx, "invite:"+hex.EncodeToString(sum[:]))
	ada, _ := svc.Users.FindUserByName(ctx, "ada")
	if err != nil || !strings.HasPrefix(v, strconv.FormatInt(ada.ID, 10)+":") {
		t.Errorf("stored invite %q, %v", v, err)
	}

	// Without a base URL, the path; no note about a closed server once it is open to invites.
	if err := strhttp.SetRegistration(ctx, svc.Auth, stride.RegistrationInvite); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = h.run("invite", "create", "--user", "ada")
	if code != 0 || !regexp.MustCompile(`^/invite/[A-Z2-7]{26}\n$`).MatchString(out) ||
		strings.Contains(errOut, "closed") || !strings.Contains(errOut, "--base-url") {
		t.Errorf("without a base URL: exit %d, %q, %q", code, out, errOut)
	}

	if _, errOut, code := h.run("invite", "create", "--user", "nobody"); code == ExitOK || !strings.Contains(errOut, `no user named "nobody"`) {
		t.Errorf("unknown user: exit %d, %q", code, errOut)
	}
	if _, errOut, code := h.run("invite", "create", "--user", "ada", "--base-url", "stride.example"); code != ExitUsage || !strings.Contains(errOut, "http://") {
		t.Errorf("bad base URL: exit %d, %q", code, errOut)
	}
	if _, _, code := h.run("invite", "create"); code != ExitUsage {
		t.Errorf("no --user: exit %d", code)
	}
}

func TestInviteListRevoke(t *testing.T) {
	h := newHarness(t)
	h.in = "a fine password\n"
	h.ok("user", "add", "ada", "--password-stdin")
	h.in = "another password\n"
	h.ok("user", "add", "bo", "--password-stdin")
	if out := h.ok("invite", "list", "--user", "ada"); !strings.Contains(out, "no invite links that still work") {
		t.Errorf("empty list: %q", out)
	}
	link := strings.TrimSpace(h.ok("invite", "create", "--user", "ada"))
	sum := sha256.Sum256([]byte(strings.TrimPrefix(link, "/invite/")))
	id := hex.EncodeToString(sum[:])
	out := h.ok("invite", "list", "--user", "ada")
	if !strings.HasPrefix(out, id[:12]+"  works until ") {
		t.Errorf("list: %q, want it to start with %s", out, id[:12])
	}
	var list []strhttp.Invite
	if err := json.Unmarshal([]byte(h.ok("invite", "list", "--user", "ada", "--json")), &list); err != nil || len(list) != 1 || list[0].ID != id {
		t.Errorf("list --json: %+v, %v", list, err)
	}
	if _, errOut, code := h.run("invite", "revoke", "--user", "bo", id[:12]); code == ExitOK || !strings.Contains(errOut, "no working invite of yours") {
		t.Errorf("bo revoking ada's invite: exit %d, %q", code, errOut)
	}
	if _, errOut, code := h.run("invite", "revoke", "--user", "ada", "abc"); code == ExitOK || !strings.Contains(errOut, "first 8 characters") {
		t.Errorf("short id: exit %d, %q", code, errOut)
	}
	if out := h.ok("invite", "revoke", "--user", "ada", id[:12]); !strings.Contains(out, "no longer works") {
		t.Errorf("revoke: %q", out)
	}
	if out := h.ok("invite", "list", "--user", "ada"); !strings.Contains(out, "no invite links") {
		t.Errorf("after revoking: %q", out)
	}
	if _, _, code := h.run("invite", "revoke", "--user", "ada"); code != ExitUsage {
		t.Errorf("no id: exit %d", code)
	}
}
