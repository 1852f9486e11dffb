// Package client reaches a stride server through its JSON API (docs/api.md)
// and offers it as the services of package stride, so the CLI works against
// a server exactly as it works against a local database: same calls, same
// error codes.
//
// A server decides who you are: the API token names one user, and every
// call acts as that user whatever user the context carries.
package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/strideapp/stride"
)

// DefaultTimeout bounds one request, from dialling to the last byte of
// the answer, unless WithTimeout or WithHTTPClient says otherwise.
const DefaultTimeout = 30 * time.Second

// Option configures a client made by New.
type Option func(*Client)

// WithHTTPClient sends requests through hc (its own timeout applies), for
// tests and custom transports.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithTimeout bounds each request; 0 means no bound.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		hc := *c.http
		hc.Timeout = d
		c.http = &hc
	}
}

// WithUserAgent names the program in the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// Client sends authenticated requests to one stride server. Services made
// from one Client share its connections and its knowledge of the signed-in
// user.
type Client struct {
	base      string // the server's URL without a trailing slash
	baseErr   error  // a malformed base URL, reported by every call
	token     string
	http      *http.Client
	userAgent string

	mu sync.Mutex
	me *stride.User // the token's user, once known
}

// NewClient returns a client of the server at baseURL authenticating with
// token. Most callers want New.
func NewClient(baseURL, token string, opts ...Option) *Client {
	base := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	base = strings.TrimRight(strings.TrimSuffix(base, "/api/v1"), "/") // the API's address: the client adds /api/v1 itself
	c := &Client{
		base:      base,
		token:     token,
		http:      &http.Client{Timeout: DefaultTimeout, Transport: http.DefaultTransport.(*http.Transport).Clone()},
		userAgent: "stride",
	}
	if u, err := url.Parse(c.base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.baseErr = stride.Errorf(stride.EINVALID, "server %q is not a URL: use one such as https://stride.example.com", baseURL)
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// New returns the services of the stride server at baseURL, acting as the
// user token belongs to. Auth is nil: the server keeps its own accounts.
// Close releases idle connections.
func New(baseURL, token string, opts ...Option) *stride.Services {
	return NewClient(baseURL, token, opts...).Services()
}

// Services returns the client's services.
func (c *Client) Services() *stride.Services {
	return &stride.Services{
		Users:  &UserService{c: c},
		Goals:  &GoalService{c: c},
		Steps:  &StepService{c: c},
		Status: &StatusService{c: c},
		// The reflection records.
		Lessons: &LessonService{c: c},
		Doubts:  &DoubtService{c: c},
		Focus:   &FocusService{c: c},
		Works:   &WorkService{c: c},
		Wins:    &WinService{c: c},
		Reviews: &ReviewService{c: c},
		Backup:  &BackupService{c: c},
		Close: func() error {
			c.http.CloseIdleConnections()
			return nil
		},
	}
}

// URL returns the server's base URL.
func (c *Client) URL() string { return c.base }

// request is one call of the API.
type request struct {
	method string
	path   string // under /api/v1, starting with "/"
	query  url.Values
	body   any // sent as JSON when not nil
	out    any // the answer is decoded into it when not nil
	// retry sends the request once more after a network failure or a
	// server error: only for requests that are safe to repeat.
	retry bool
}

// do sends r. An error answer comes back as a *stride.Error with the
// server's code and message; a server that cannot be reached gives an
// internal error naming it.
func (c *Client) do(ctx context.Context, r request) error {
	if c.baseErr != nil {
		return c.baseErr
	}
	var payload []byte
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return fmt.Errorf("encode %s %s: %w", r.method, r.path, err)
		}
		payload = b
	}
	u := c.base + "/api/v1" + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	resp, err := c.send(ctx, r.method, u, payload)
	if r.retry && (err != nil && ctx.Err() == nil || err == nil && resp.StatusCode >= 500) {
		if resp != nil {
			drain(resp)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
		resp, err = c.send(ctx, r.method, u, payload)
	}
	if err != nil {
		return c.reachError(ctx, err)
	}
	defer drain(resp)
	if resp.StatusCode >= 300 {
		return c.answerError(resp)
	}
	if r.out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(r.out); err != nil {
		return c.reachError(ctx, fmt.Errorf("reading the answer to %s %s: %w", r.method, r.path, err))
	}
	return nil
}

func (c *Client) send(ctx context.Context, method, u string, payload []byte) (*http.Response, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.http.Do(req)
}

// drain reads what is left of a body (so the connection is reused) and
// closes it.
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// reachError is a failure to talk to the server: an internal error whose
// message names the server, unwrapping to the cause (errors.Is(err,
// context.DeadlineExceeded) holds).
type reachError struct {
	err   *stride.Error
	cause error
}

func (e *reachError) Error() string   { return e.err.Message }
func (e *reachError) Unwrap() []error { return []error{e.err, e.cause} }

func (c *Client) reachError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("request to %s: %w", c.base, ctx.Err())
	}
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	msg := fmt.Sprintf("cannot reach %s: %v", c.base, cause)
	var ne net.Error
	if errors.Is(err, syscall.ECONNREFUSED) {
		msg = fmt.Sprintf("cannot reach %s: nothing answers there; is stride serve running, and is the address right?", c.base)
	} else if plain, ok := strings.CutPrefix(c.base, "https://"); ok && strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
		// stride serve speaks plain http unless a proxy in front adds TLS
		msg = fmt.Sprintf("cannot reach %s: the server there answers in plain http, not https. If that is how it is served (on this machine or your own network), use http://%s", c.base, plain)
	} else if errors.As(err, &ne) && ne.Timeout() {
		msg = fmt.Sprintf("%s did not answer in time (%v): try again, or check the server", c.base, c.http.Timeout)
	} else if strings.HasPrefix(err.Error(), "reading the answer") {
		msg = fmt.Sprintf("%s: %v", c.base, err)
	}
	return &reachError{err: stride.Errorf(stride.EINTERNAL, "%s", msg), cause: err}
}

// statusCodes maps an answer without a readable error body to a code.
var statusCodes = map[int]string{
	http.StatusBadRequest:      stride.EINVALID,
	http.StatusUnauthorized:    stride.EUNAUTHORIZED,
	http.StatusForbidden:       stride.EFORBIDDEN,
	http.StatusNotFound:        stride.ENOTFOUND,
	http.StatusConflict:        stride.ECONFLICT,
	http.StatusTooManyRequests: "too_many_requests",
}

// answerError turns an error answer into a *stride.Error carrying the
// server's code and message.
func (c *Client) answerError(resp *http.Response) error {
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if json.Unmarshal(raw, &body) == nil && body.Error.Code != "" {
		msg := body.Error.Message
		if msg == "" {
			msg = fmt.Sprintf("%s answered %s", c.base, resp.Status)
		}
		return &stride.Error{Code: body.Error.Code, Message: msg}
	}
	code, ok := statusCodes[resp.StatusCode]
	if !ok {
		code = stride.EINTERNAL
	}
	// Not the API's error shape: a proxy, or not a stride server at all.
	return stride.Errorf(code, "%s answered %s to %s: is it a stride server?", c.base, resp.Status, resp.Request.URL.Path)
}

// user returns the token's user, asking the server once.
func (c *Client) user(ctx context.Context) (*stride.User, error) {
	c.mu.Lock()
	me := c.me
	c.mu.Unlock()
	if me != nil {
		return me, nil
	}
	var u stride.User
	if err := c.do(ctx, request{method: http.MethodGet, path: "/me", out: &u}); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.me == nil {
		c.me = &u
	}
	return c.me, nil
}

// userID returns the id of the token's user: the API leaves user ids out of
// goals and steps, the client fills them in as a store does.
func (c *Client) userID(ctx context.Context) (int64, error) {
	u, err := c.user(ctx)
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

// newRequestID returns a random id that makes a step's POST safe to retry.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "cli-" + hex.EncodeToString(b)
}

func itoa(v int64) string { return fmt.Sprint(v) }
