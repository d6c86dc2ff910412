"""What happens to a message: ``handlers.conversation`` holds the guards and the routes."""
