package cn.chuangwen.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.chuangwen.shared.web.ApiRequests;

/**
 * An API answer that fits in {@link #BUFFER_SIZE} goes out in one write, with its Content-Length.
 * Spring MVC and Jackson flush the response after writing a body, which made Tomcat send the headers
 * and the body in chunks and then a last empty chunk: two or three system calls per answer, a fifth
 * of a page of units. Here those flushes wait for the end of the request; a bigger answer (an export)
 * still streams, because the container writes out whenever its buffer is full.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ApiResponseBuffering extends OncePerRequestFilter {

	/** A page of 50 units is about 13 KB. The container keeps a buffer this size for each worker. */
	static final int BUFFER_SIZE = 32 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !ApiRequests.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setBufferSize(BUFFER_SIZE);
		chain.doFilter(request, new FlushAtEnd(response));
	}

	/** Explicit flushes are left to the end of the request; writes and everything else pass through. */
	private static final class FlushAtEnd extends HttpServletResponseWrapper {

		private ServletOutputStream out;

		FlushAtEnd(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (out == null) {
				out = new NoFlush(super.getOutputStream());
			}
			return out;
		}

	}

	private static final class NoFlush extends ServletOutputStream {

		private final ServletOutputStream delegate;

		NoFlush(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			delegate.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			delegate.write(b, off, len);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() throws IOException {
			delegate.close();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			delegate.setWriteListener(listener);
		}

	}

}
