// Package password hashes passwords with argon2id and makes the random
// secrets of sessions and API tokens. Stores keep only what this package
// returns: an argon2id hash in PHC form for a password, a SHA-256 for a
// session or token secret, so a copy of the database signs nobody in.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"

	"github.com/strideapp/stride"
)

// Parameters of new hashes: OWASP's argon2id minimum (19 MiB, two passes,
// one lane), about 23 ms on the development machines (STACK.md). Verify
// reads the parameters from each hash, so raising them later only needs
// users to sign in once to be rehashed.
const (
	Time    = 2
	Memory  = 19 * 1024 // KiB
	Threads = 1
	KeyLen  = 32
	SaltLen = 16
)

// Bounds on a password's length in bytes. The upper bound keeps a request
// from making the server hash megabytes; 1024 bytes holds any passphrase.
const (
	MinLen = 8
	MaxLen = 1024
)

// Bounds on parameters read from a stored hash, so a corrupt or hostile
// row cannot make Verify allocate gigabytes or spin for minutes.
const (
	maxMemory  = 1024 * 1024 // KiB: 1 GiB
	maxTime    = 64
	maxThreads = 64
)

// slots bounds how many hashes run at once. It is package state on
// purpose: memory is a process-wide resource, and each hash holds 19 MiB,
// so a flood of sign-ins queues here instead of exhausting memory. One
// slot per usable CPU loses no throughput: a hash is CPU-bound.
var slots = make(chan struct{}, runtime.GOMAXPROCS(0))

func idKey(pw, salt []byte, t, m uint32, p uint8, keyLen uint32) []byte {
	slots <- struct{}{}
	defer func() { <-slots }()
	return argon2.IDKey(pw, salt, t, m, p, keyLen)
}

// Validate returns EINVALID unless pw has MinLen to MaxLen bytes.
func Validate(pw string) error {
	switch {
	case len(pw) < MinLen:
		return stride.Errorf(stride.EINVALID, "the password is too short (%d bytes): use %d to %d bytes; a few words in a row are easy to remember", len(pw), MinLen, MaxLen)
	case len(pw) > MaxLen:
		return stride.Errorf(stride.EINVALID, "the password is too long (%d bytes): use %d to %d bytes", len(pw), MinLen, MaxLen)
	}
	return nil
}

// Hash returns the argon2id hash of pw in PHC form,
// $argon2id$v=19$m=19456,t=2,p=1$SALT$KEY (unpadded base64), with a fresh
// random salt. It returns EINVALID for a password Validate refuses.
func Hash(pw string) (string, error) {
	if err := Validate(pw); err != nil {
		return "", err
	}
	salt := make([]byte, SaltLen)
	rand.Read(salt) // never fails (crypto/rand since Go 1.24)
	key := idKey([]byte(pw), salt, Time, Memory, Threads, KeyLen)
	return encode(Time, Memory, Threads, salt, key), nil
}

func encode(t, m uint32, p uint8, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, m, t, p, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// params are what a stored hash says about itself.
type params struct {
	t, m      uint32
	p         uint8
	salt, key []byte
}

func decode(encoded string) (*params, error) {
	bad := func(why string) error {
		return fmt.Errorf("password hash is not argon2id in PHC form: %s", why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return nil, bad("want $argon2id$v=19$m=…,t=…,p=…$salt$key")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return nil, bad("version " + parts[2])
	}
	var ps params
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return nil, bad("parameter " + kv)
		}
		switch k {
		case "m":
			ps.m = uint32(n)
		case "t":
			ps.t = uint32(n)
		case "p":
			if n > maxThreads {
				return nil, bad("parameter " + kv)
			}
			ps.p = uint8(n)
		default:
			return nil, bad("parameter " + kv)
		}
	}
	if ps.t < 1 || ps.t > maxTime || ps.p < 1 || ps.m < 8*uint32(ps.p) || ps.m > maxMemory {
		return nil, bad("parameters out of range: " + parts[3])
	}
	var err error
	b64 := base64.RawStdEncoding
	if ps.salt, err = b64.DecodeString(parts[4]); err != nil || len(ps.salt) < 8 {
		return nil, bad("salt")
	}
	if ps.key, err = b64.DecodeString(parts[5]); err != nil || len(ps.key) < 16 || len(ps.key) > 128 {
		return nil, bad("key")
	}
	return &ps, nil
}

// Verify reports whether pw matches encoded, a hash made by Hash (with
// these or other parameters, which it reads from encoded). The comparison
// takes the same time wherever the keys differ. A password longer than
// MaxLen never matches and is not hashed. It returns an error, and false,
// when encoded is not an argon2id hash in PHC form.
func Verify(pw, encoded string) (bool, error) {
	ps, err := decode(encoded)
	if err != nil {
		return false, err
	}
	if len(pw) > MaxLen {
		return false, nil
	}
	key := idKey([]byte(pw), ps.salt, ps.t, ps.m, ps.p, uint32(len(ps.key)))
	return subtle.ConstantTimeCompare(key, ps.key) == 1, nil
}

// dummySalt is fixed: VerifyDummy only has to cost what Verify costs.
var dummySalt = make([]byte, SaltLen)

// VerifyDummy spends the time and memory Verify spends on a hash made with
// the current parameters, and always fails. Call it when the user is
// unknown or has no password, so the answer's timing does not tell which
// names have accounts.
func VerifyDummy(pw string) {
	if len(pw) > MaxLen {
		return
	}
	key := idKey([]byte(pw), dummySalt, Time, Memory, Threads, KeyLen)
	subtle.ConstantTimeCompare(key, make([]byte, KeyLen))
}
