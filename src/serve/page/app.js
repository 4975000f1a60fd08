// The desk's page (placeholder: the page helper fills it in).
"use strict";
