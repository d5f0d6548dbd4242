package main

import api "goauthentik.io/api/v3"

// v3.2025.6.4 (openapi-generator 7.19.0) names the service StagesAPI
func stages(c *api.APIClient) *api.StagesAPIService { return c.StagesAPI }
