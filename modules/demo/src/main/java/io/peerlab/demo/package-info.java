/** peerlab demo: a scenario live in the browser. */
package io.peerlab.demo;
