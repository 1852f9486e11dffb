package password

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

var phcRE = regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !phcRE.MatchString(h) {
		t.Errorf("Hash = %q, want PHC form with m=19456,t=2,p=1, 16-byte salt, 32-byte key", h)
	}
	h2, _ := Hash("correct horse")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{
		{"correct horse", true},
		{"correct horsE", false},
		{"correct hors", false},
		{"", false},
		{strings.Repeat("x", MaxLen+1), false},
	} {
		ok, err := Verify(c.pw, h)
		if err != nil || ok != c.want {
			t.Errorf("Verify(%.20q) = %v, %v; want %v", c.pw, ok, err, c.want)
		}
	}
}

// TestVerifyReadsParameters checks that hashes made with other parameters
// (older or stronger settings) still verify.
func TestVerifyReadsParameters(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := idKey([]byte("pa55word!"), salt, 1, 64, 2, 16)
	enc := encode(1, 64, 2, salt, key)
	if ok, err := Verify("pa55word!", enc); !ok || err != nil {
		t.Errorf("Verify with m=64,t=1,p=2 = %v, %v; want true", ok, err)
	}
	if ok, _ := Verify("pa55word?", enc); ok {
		t.Error("a wrong password matched")
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, _ := Hash("long enough")
	parts := strings.Split(good, "$")
	for _, enc := range []string{
		"",
		"plain",
		"$2a$10$abcdefghijklmnopqrstuv",
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "m=19456", "m=99999999", 1),
		strings.Replace(good, "t=2", "t=0", 1),
		strings.Replace(good, "p=1", "p=300", 1),
		strings.Replace(good, "p=1", "q=1", 1),
		strings.Replace(good, "m=19456", "m=x", 1),
		strings.Join([]string{"", parts[1], parts[2], parts[3], "!!", parts[5]}, "$"),
		strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
		good + "$extra",
	} {
		if ok, err := Verify("long enough", enc); ok || err == nil {
			t.Errorf("Verify against %q = %v, %v; want false and an error", enc, ok, err)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		pw   string
		want string // "" for valid, else part of the message
	}{
		{"", "too short (0 bytes): use 8 to 1024 bytes"},
		{"1234567", "too short (7 bytes)"},
		{"12345678", ""},
		{"ünïcødé", ""}, // 7 characters, 11 bytes
		{strings.Repeat("a", MaxLen), ""},
		{strings.Repeat("a", MaxLen+1), "too long (1025 bytes): use 8 to 1024 bytes"},
	} {
		err := Validate(c.pw)
		if c.want == "" {
			if err != nil {
				t.Errorf("Validate(%.20q) = %v, want nil", c.pw, err)
			}
			continue
		}
		if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(stride.ErrorMessage(err), c.want) {
			t.Errorf("Validate(%.20q) = %v, want EINVALID with %q", c.pw, err, c.want)
		}
		if _, err := Hash(c.pw); stride.ErrorCode(err) != stride.EINVALID {
			t.Errorf("Hash(%.20q) = %v, want EINVALID", c.pw, err)
		}
	}
}

// TestHashesWaitForASlot checks the bound on concurrent hashes: with
// every slot taken, a hash waits, and runs once one is given back.
func TestHashesWaitForASlot(t *testing.T) {
	for range cap(slots) {
		slots <- struct{}{}
	}
	done := make(chan struct{})
	go func() {
		VerifyDummy("whatever password")
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("a hash ran while every slot was taken")
	case <-time.After(100 * time.Millisecond):
	}
	for range cap(slots) {
		<-slots
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the hash did not run once slots were free")
	}
}

func TestTokens(t *testing.T) {
	secret, hash, last4 := NewToken()
	if !strings.HasPrefix(secret, "stride_") || len(secret) != len("stride_")+26 {
		t.Errorf("token %q: want stride_ and 26 characters", secret)
	}
	if sum := sha256.Sum256([]byte(secret)); !bytes.Equal(hash, sum[:]) || !bytes.Equal(TokenHash(secret), hash) {
		t.Error("the token's hash is not the SHA-256 of the whole token")
	}
	if last4 != secret[len(secret)-4:] {
		t.Errorf("last4 %q of %q", last4, secret)
	}
	if other, _, _ := NewToken(); other == secret {
		t.Error("two tokens are equal")
	}
	s, h := NewSessionSecret()
	if len(s) != 26 || !bytes.Equal(h, SessionHash(s)) || len(h) != sha256.Size {
		t.Errorf("session secret %q, hash %x", s, h)
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	h, _ := Hash("correct horse battery staple")
	b.ResetTimer()
	for b.Loop() {
		if ok, _ := Verify("correct horse battery staple", h); !ok {
			b.Fatal("no match")
		}
	}
}

func BenchmarkVerifyDummy(b *testing.B) {
	for b.Loop() {
		VerifyDummy("correct horse battery staple")
	}
}
