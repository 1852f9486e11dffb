package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/strideapp/stride"
)

// codeTooManyRequests is the API's code for throttled sign-ins. It is not
// a domain error: only the transport throttles.
const codeTooManyRequests = "too_many_requests"

// statusOf maps error codes to HTTP statuses, the one table of it.
var statusOf = map[string]int{
	stride.EINVALID:      http.StatusBadRequest,
	stride.EUNAUTHORIZED: http.StatusUnauthorized,
	stride.EFORBIDDEN:    http.StatusForbidden,
	stride.ENOTFOUND:     http.StatusNotFound,
	stride.ECONFLICT:     http.StatusConflict,
	codeTooManyRequests:  http.StatusTooManyRequests,
	stride.EINTERNAL:     http.StatusInternalServerError,
}

// maxBody bounds request bodies.
const maxBody = 1 << 20

// encode writes v as JSON with status.
func encode[T any](w http.ResponseWriter, status int, v T) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v) // the client went away: nothing left to tell it
}

// decode reads a JSON body into a T strictly: unknown fields, trailing
// data and bodies over 1 MiB are refused with EINVALID messages naming the
// field and what is accepted. An empty body decodes as the zero T.
//
// The Content-Type is not needed: curl's -d sends JSON as a form
// (application/x-www-form-urlencoded), so a body that starts like JSON is
// read as JSON, and its mistakes are reported as such; only a body that
// does not is said to be a form.
func decode[T any](w http.ResponseWriter, r *http.Request) (T, error) {
	var v T
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return v, decodeError(err, reflect.TypeFor[T]())
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err == io.EOF {
		return v, nil
	} else if err != nil {
		if isForm(r) && !looksLikeJSON(body) {
			return v, stride.Errorf(stride.EINVALID, "the body is a form, but the API reads JSON: send a JSON object with Content-Type: application/json")
		}
		return v, decodeError(err, reflect.TypeFor[T]())
	}
	if _, err := dec.Token(); err != io.EOF {
		return v, stride.Errorf(stride.EINVALID, "the body has more than one JSON value: send one object")
	}
	return v, nil
}

// isForm says whether the request says its body is an HTML form.
func isForm(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data")
}

// looksLikeJSON says whether body starts, after white space, as a JSON
// object or array does.
func looksLikeJSON(body []byte) bool {
	body = bytes.TrimLeft(body, " \t\r\n")
	return len(body) > 0 && (body[0] == '{' || body[0] == '[')
}

// decodeError turns encoding/json's errors into messages for the caller.
func decodeError(err error, t reflect.Type) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
		tooBig *http.MaxBytesError
		se     *stride.Error
	)
	switch {
	case errors.As(err, &se):
		return se
	case errors.As(err, &tooBig):
		return stride.Errorf(stride.EINVALID, "the body is larger than %d bytes", tooBig.Limit)
	case errors.As(err, &syntax):
		return stride.Errorf(stride.EINVALID, "the body is not valid JSON (at byte %d): %s", syntax.Offset, syntax.Error())
	case errors.As(err, &typ):
		if typ.Field == "" {
			return stride.Errorf(stride.EINVALID, "the body must be %s in JSON, not %s", jsonKind(t), typ.Value)
		}
		return stride.Errorf(stride.EINVALID, "field %q must be %s, not %s", typ.Field, jsonKind(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return stride.Errorf(stride.EINVALID, "the body ends in the middle of a JSON value")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return stride.Errorf(stride.EINVALID, "unknown field %s: accepted fields are %s", name, strings.Join(jsonFields(t), ", "))
	}
	return stride.Errorf(stride.EINVALID, "the body is not understood: %v", err)
}

// jsonKind names what JSON a Go type reads.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[stride.Date]() {
		return "a date string YYYY-MM-DD"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names = append(names, fmt.Sprintf("%q", name))
	}
	return names
}

// errorBody is the one shape of API errors.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// apiError writes err as the API's JSON error. Internal errors are logged
// and answered with a generic message: their text may name tables or hosts.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.errorText(r, err)
	var body errorBody
	body.Error.Code, body.Error.Message = code, msg
	if code == stride.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="stride"`)
	}
	encode(w, statusOf[code], body)
}

// errorText returns the code and the message a client may see for err,
// logging internal errors.
func (s *Server) errorText(r *http.Request, err error) (code, msg string) {
	code = stride.ErrorCode(err)
	if _, ok := statusOf[code]; !ok || code == stride.EINTERNAL {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", r.Pattern, "err", err)
		return stride.EINTERNAL, "internal error: the server could not finish the request; it has been logged"
	}
	return code, stride.ErrorMessage(err)
}
