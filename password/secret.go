package password

import (
	"crypto/rand"
	"crypto/sha256"
)

// TokenPrefix starts every API token, so a leaked one is recognisable (by
// people and by secret scanners) as a stride token.
const TokenPrefix = "stride_"

// NewToken returns a new API token: the secret to show once ("stride_"
// and 26 base32 characters, 128 random bits), the SHA-256 of the whole
// secret to store, and its last four characters to tell tokens apart in a
// list. A hash without a salt is enough here: the secret is random, not
// chosen by a person, so there is no dictionary to try.
func NewToken() (secret string, hash []byte, last4 string) {
	secret = TokenPrefix + rand.Text()
	return secret, TokenHash(secret), secret[len(secret)-4:]
}

// TokenHash returns the SHA-256 of a token as presented (prefix included),
// the key a store finds the token by.
func TokenHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// NewSessionSecret returns the random secret of a new browser session (26
// base32 characters, 128 bits) for the cookie, and its SHA-256 to store.
func NewSessionSecret() (secret string, hash []byte) {
	secret = rand.Text()
	return secret, SessionHash(secret)
}

// SessionHash returns the SHA-256 of a session secret, the key a store
// finds the session by.
func SessionHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
