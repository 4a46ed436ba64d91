package runtime

import "github.com/loggen/loggen/runtime/pyfmt"

// ArgValue returns the i-th argument of the record's printf-style call
// (Args[i]) as the Python value that msg % args formats: strings, numbers,
// booleans and nil as the matching Python values, errors and fmt.Stringers
// as their text, anything else as fmt's %v. Formatters that read a
// record's arguments themselves (uvicorn's AccessFormatter unpacks the five
// values of an access line) use it, so that they see what the message
// prints. i must be less than len(Args).
func (r *Record) ArgValue(i int) pyfmt.Value { return argValue(r.Args[i]) }
