package cn.chuangwen.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.NotFoundException;

/** Errors of the web pages: the error pages in the user's language, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	@ExceptionHandler(ConflictException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict() {
		return "error/409";
	}

}
