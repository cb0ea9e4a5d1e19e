package dev.cruddur.activity;

/** A crud's own page: the crud and one page of its replies, newest first. */
public record CrudThread(Activity crud, Page<Activity> replies) {
}
