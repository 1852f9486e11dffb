package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
